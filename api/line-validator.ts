// The lines of an upload (invoice batches, CSV payment history) are checked one by one with the
// same rules Fastify applies to a single request: formats, no coercion, every error, the named
// enums, and errors that carry their schema for their wording (api/validation-errors.ts).
import type { TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ENUM_COMPONENTS } from './schemas.js';

const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: false, removeAdditional: false });
addFormats.default(ajv);
for (const component of ENUM_COMPONENTS) ajv.addSchema(component);

export const lineValidator = <T>(schema: TSchema) => ajv.compile<T>(schema);
