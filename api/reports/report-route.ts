// One report route: JSON by default, CSV (its rows, one column per field, with a header line) for
// `format=csv` or `Accept: text/csv`. The document shows both, the CSV example written from the JSON
// example's rows by the same writer the route uses.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tenantOf } from '../auth.js';
import { problemResponses } from '../schemas.js';

export const ReportFormat = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('csv')], {
    description: 'csv: the rows as CSV (as does `Accept: text/csv`); default json',
  }),
);

type Row = Record<string, string | number | null>;

export interface ReportDefinition<
  Query extends TObject,
  Meta extends TProperties,
  RowSchema extends TObject,
> {
  path: string;
  summary: string;
  description: string;
  querystring: Query;
  /** The answer's fields besides `rows` (the range it covers). */
  meta: Meta;
  row: RowSchema;
  example: { [K in keyof Meta]: unknown } & { rows: Static<RowSchema>[] };
  run(tenantId: string, query: Static<Query>): Promise<Static<TObject<Meta>> & { rows: Static<RowSchema>[] }>;
}

const toCsv = (rows: readonly Row[], columns: string[]) =>
  stringify(rows as Row[], { header: true, columns });

const wantsCsv = (request: FastifyRequest, format: unknown) =>
  format === 'csv' || (format === undefined && /(^|,)\s*text\/csv/.test(request.headers.accept ?? ''));

export function registerReport<Query extends TObject, Meta extends TProperties, RowSchema extends TObject>(
  plugin: FastifyInstance,
  report: ReportDefinition<Query, Meta, RowSchema>,
): void {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const columns = Object.keys(report.row.properties);
  const csvName = `${report.path.split('/').pop()}.csv`;
  app.get(
    report.path,
    {
      schema: {
        summary: report.summary,
        description: report.description,
        security: [{ apiKey: [] }],
        querystring: report.querystring,
        response: {
          200: {
            description: 'The report: JSON, or its rows as CSV',
            content: {
              'application/json': {
                schema: Type.Object(
                  { ...report.meta, rows: Type.Array(report.row) },
                  { examples: [report.example] },
                ),
              },
              'text/csv': {
                schema: Type.String({ examples: [toCsv(report.example.rows as Row[], columns)] }),
              },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Static<Query>;
      const answer = await report.run(tenantOf(request), query);
      if (!wantsCsv(request, (query as { format?: unknown }).format)) return reply.send(answer);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvName}"`)
        .send(toCsv(answer.rows as Row[], columns));
    },
  );
}
