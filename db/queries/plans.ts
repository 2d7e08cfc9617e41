import { sql } from 'drizzle-orm';
import type { PlanState } from '../../workflows/dunning-types.js';
import type { Queryable } from '../client.js';
import { paymentPlans, planInstalments } from '../schema.js';

/** Mirrors the workflow's plan (status and schedule) for listing and for the timeline. */
export async function savePlan(
  db: Queryable,
  params: { tenantId: string; invoiceId: string; workflowId: string; plan: PlanState },
): Promise<void> {
  const { plan } = params;
  const id = `${params.workflowId}:plan${plan.planNumber}`;
  const total = plan.instalments.reduce((sum, i) => sum + i.amountCents, 0);
  await db
    .insert(paymentPlans)
    .values({
      id,
      tenantId: params.tenantId,
      invoiceId: params.invoiceId,
      instalments: plan.instalments.length,
      totalCents: total,
      status: plan.status,
    })
    .onConflictDoUpdate({ target: paymentPlans.id, set: { status: plan.status, updatedAt: sql`now()` } });
  for (const instalment of plan.instalments) {
    await db
      .insert(planInstalments)
      .values({
        planId: id,
        number: instalment.number,
        dueDate: instalment.dueDate,
        amountCents: instalment.amountCents,
      })
      .onConflictDoNothing();
  }
}
