#!/bin/sh
# Validates the deployment description (docker-compose.yml + deploy/) without a Docker engine.
# Installs Debian's docker-compose (1.29, which validates offline) via apt only when it is missing.
#   scripts/check-compose.sh
set -eu

cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "check-compose: docker-compose not found; installing it with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose
fi

# The stack refuses to start without a token secret, so validation supplies a placeholder.
SETTLE_TOKEN_SECRET="${SETTLE_TOKEN_SECRET:-x}" docker-compose -f docker-compose.yml config -q

# ...and without one, rendering must fail on exactly that (no default secret may sneak in).
# An empty --env-file keeps a local .env from supplying it.
empty_env="$(mktemp)"
trap 'rm -f "$empty_env"' EXIT
if out="$(env -u SETTLE_TOKEN_SECRET docker-compose --env-file "$empty_env" -f docker-compose.yml config -q 2>&1)"; then
  echo "check-compose: docker-compose.yml must refuse to render without SETTLE_TOKEN_SECRET" >&2
  exit 1
elif ! printf '%s\n' "$out" | grep -q 'set SETTLE_TOKEN_SECRET'; then
  echo "check-compose: rendering without SETTLE_TOKEN_SECRET failed for another reason:" >&2
  printf '%s\n' "$out" >&2
  exit 1
fi

# Live or refuse: by default the API runs with live providers (config.ts then refuses to start
# without their keys) and is published on the loopback address only.
rendered="$(SETTLE_TOKEN_SECRET=x env -u PROVIDERS -u SETTLE_PUBLISH_ADDRESS docker-compose --env-file "$empty_env" -f docker-compose.yml config)"
for expected in 'PROVIDERS: live' '- 127.0.0.1:3000:3000/tcp'; do
  if ! printf '%s\n' "$rendered" | grep -qF -- "$expected"; then
    echo "check-compose: by default docker-compose.yml must render '$expected'" >&2
    exit 1
  fi
done

# Files the compose file mounts must exist, and the shell scripts must parse.
for f in deploy/temporal-dynamic-config.yaml deploy/postgres/init-databases.sh deploy/temporal/register-search-attributes.sh; do
  [ -f "$f" ] || { echo "check-compose: missing $f" >&2; exit 1; }
done
sh -n deploy/postgres/init-databases.sh
sh -n deploy/temporal/register-search-attributes.sh

echo "check-compose: docker-compose.yml is valid ($(docker-compose version --short))"
