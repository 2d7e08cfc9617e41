# Settle runtime image: TypeScript run directly with tsx (a runtime dependency), no build step.
# One image serves the API (default CMD), the Temporal worker (`node --max-semi-space-size=4 --import tsx worker.ts`) and the
# migration job (`npx tsx scripts/migrate.ts`); see docker-compose.yml.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    SETTLE_DATA_DIR=/var/lib/settle \
    PRINT_SPOOL_DIR=/var/spool/settle

WORKDIR /app

# Dependencies first so source changes do not invalidate this layer.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
 && npm cache clean --force

# Application source (root-owned and read-only for the runtime user).
COPY workflows ./workflows
COPY activities ./activities
COPY languages ./languages
COPY providers ./providers
COPY api ./api
COPY db ./db
COPY scripts ./scripts
COPY temporal ./temporal
COPY simulation ./simulation
COPY worker.ts config.ts tsconfig.json ./

# Workers load the workflow code bundled here: they start in about a second and never hold the
# bundler's memory (a worker whose sources differ from the bundle's bundles afresh).
RUN npx tsx scripts/bundle-workflows.ts /app/dist/workflows
ENV WORKFLOW_BUNDLE_DIR=/app/dist/workflows

# Writable state for the unprivileged user; a named volume mounted on the spool dir inherits this owner.
RUN mkdir -p /var/spool/settle /var/lib/settle \
 && chown node:node /var/spool/settle /var/lib/settle

USER node

EXPOSE 3000

CMD ["npx", "tsx", "api/server.ts"]
