// From a create body that matches the schema to the service's request: the checks the schema cannot
// express. One place for both intakes, so a single create and a batch line accept exactly the same.
import type { Static } from '@sinclair/typebox';
import { parseAmount } from '../workflows/policy/money.js';
import type { CreateInvoiceRequest } from './invoice-service.js';
import type { FieldError } from './problem.js';
import { amountRefusal, type CreateInvoiceBody } from './schemas.js';

export type CreateInvoiceBodyType = Static<typeof CreateInvoiceBody>;

export type Intake = { request: CreateInvoiceRequest } | { errors: FieldError[] };

export function invoiceIntake(body: CreateInvoiceBodyType): Intake {
  const amountCents = parseAmount(body.amount.value);
  const errors: FieldError[] = [];
  const amountProblem = amountRefusal(amountCents);
  if (amountProblem) errors.push({ field: '/amount/value', message: amountProblem });
  if (body.dueDate < body.issueDate)
    errors.push({ field: '/dueDate', message: 'must not lie before issueDate' });
  if (!body.debtor.email && !body.debtor.phone && !body.debtor.address && !body.debtor.appUserId) {
    errors.push({ field: '/debtor', message: 'needs at least one of email, phone, address or appUserId' });
  }
  if (body.debtor.whatsappOptIn && !body.debtor.phone)
    errors.push({ field: '/debtor/phone', message: 'is required for WhatsApp' });
  if (errors.length > 0) return { errors };
  return {
    request: {
      invoiceId: body.invoiceId,
      debtor: body.debtor,
      amountCents: amountCents!,
      currency: body.amount.currency,
      issueDate: body.issueDate,
      dueDate: body.dueDate,
      ...(body.description !== undefined ? { description: body.description } : {}),
      // Absent: the policy assigned to the debtor's segment, else the shipped default (at create).
      ...(body.policy !== undefined ? { policyId: body.policy } : {}),
      ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
      ...(body.periodic ? { periodic: true } : {}),
    },
  };
}
