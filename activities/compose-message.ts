// Turns a workflow's send request into a channel-ready message: contact data from PostgreSQL
// (the workflow never holds it), the tenant's brand and text overrides, amounts in the debtor's
// language, and for letters a PDF with a pay-link QR code and an EPC bank-transfer QR code. Every
// channel's pay link is Settle's stable one, never the step's PSP checkout.

import type { Brand } from '../db/brand.js';
import type { Database } from '../db/client.js';
import type { DebtorRow } from '../db/queries/debtors.js';
import { latestTemplateOverride, templateOverrideVersion } from '../db/queries/template-overrides.js';
import type { TenantSettings } from '../db/tenant-settings.js';
import { languagePack, resolveLanguage } from '../languages/index.js';
import type { AppMessage, PostalAddress } from '../providers/types.js';
import type { SendMessageInput } from '../workflows/activity-contract.js';
import type { Language } from '../workflows/domain.js';
import { betalingskenmerkFor, epcQrAmountCents, epcQrPayload } from '../workflows/policy/references.js';
import { renderLetterPdf } from './letters/index.js';
import { type PublicUrls, selfServiceUrl, stablePayLink } from './self-service-link.js';
import {
  type MessageOverrides,
  type OverrideProblem,
  renderMessage,
  type TemplateData,
  TemplateError,
  UnsendableOverrideError,
} from './templates/index.js';

export type ComposedMessage =
  | {
      channel: 'email';
      to: string;
      toName: string;
      from: { email: string; name: string };
      subject: string;
      html: string;
      text: string;
    }
  | { channel: 'sms'; to: string; text: string }
  | {
      channel: 'whatsapp';
      to: string;
      templateName: string;
      language: Language;
      params: string[];
      text: string;
    }
  | { channel: 'letter'; to: PostalAddress; pdf: Buffer; batchDate: string; text: string }
  | ({ channel: 'app' } & Omit<AppMessage, 'ref'>);

/**
 * What a template may show. The tenant's settings name the parties the law asks for: the collection
 * agency a final notice announces (only when one is configured) and the SEPA creditor identifier every
 * direct debit notice carries (a notice without one cannot render: no value for `{{creditorId}}`).
 */
export function templateData(
  input: SendMessageInput,
  debtor: DebtorRow,
  brand: Brand,
  urls: PublicUrls,
  settings: TenantSettings,
): TemplateData {
  const pack = languagePack(resolveLanguage(debtor.language));
  const euro = pack.formats.money;
  const formatDate = pack.formats.date;
  const { amounts } = input;
  const vat = pack.messages.vat;
  const selfService = selfServiceUrl(urls, input.tenantId, input.invoiceId);
  const vatNote =
    input.collectionCostsVatCents === undefined
      ? undefined
      : input.collectionCostsVatCents > 0
        ? vat.included.replace('{amount}', euro(input.collectionCostsVatCents))
        : vat.none;
  return {
    segment: debtor.type,
    debtorName: debtor.name,
    invoiceId: input.invoiceId,
    // All that is still due, whatever part of it a plan's instalment asks for now (that is `instalment`).
    amountDue: euro(amounts.dueCents),
    principal: euro(amounts.principalCents),
    ...(amounts.costsCents > 0 ? { costs: euro(amounts.costsCents) } : {}),
    ...(amounts.interestCents > 0 ? { interest: euro(amounts.interestCents) } : {}),
    ...(amounts.paidCents > 0 ? { paid: euro(amounts.paidCents) } : {}),
    dueDate: formatDate(input.dueDate),
    ...(input.deadline ? { deadline: formatDate(input.deadline) } : {}),
    ...(input.collectionCostsCents !== undefined
      ? { collectionCosts: euro(input.collectionCostsCents + (input.collectionCostsVatCents ?? 0)) }
      : {}),
    ...(vatNote ? { collectionCostsVatNote: vatNote } : {}),
    // The stable link, not the step's PSP checkout: it pays what is due when clicked (see api/self-service/pay.ts).
    payUrl: stablePayLink(selfService),
    selfServiceUrl: selfService,
    creditor: brand,
    ...(settings.collectionAgency ? { collectionAgency: settings.collectionAgency.name } : {}),
    ...(settings.sepaCreditorId ? { creditorId: settings.sepaCreditorId } : {}),
    ...(input.instalment
      ? {
          instalment: {
            number: input.instalment.number,
            of: input.instalment.of,
            amount: euro(input.instalment.amountCents),
            dueDate: formatDate(input.instalment.dueDate),
          },
        }
      : {}),
    ...(input.plan
      ? {
          plan: {
            instalments: input.plan.instalments,
            instalmentAmount: euro(input.plan.instalmentAmountCents),
            firstDueDate: formatDate(input.plan.firstDueDate),
          },
        }
      : {}),
    ...(input.collection
      ? {
          collection: {
            amount: euro(input.collection.amountCents),
            date: formatDate(input.collection.date),
            ...(input.collection.mandateReference
              ? { mandateReference: input.collection.mandateReference }
              : {}),
          },
        }
      : {}),
  };
}

/** The tenant's current override of this template, if it has one (not after it went back to the shipped text). */
async function currentOverride(db: Database, input: SendMessageInput, language: string) {
  const key = { tenantId: input.tenantId, templateId: input.template, channel: input.channel, language };
  // An experiment's template-variant arm: that saved version, where the tenant saved it for this channel and language.
  const variant =
    input.templateVersion === undefined
      ? undefined
      : await templateOverrideVersion(db, key, input.templateVersion);
  const row = variant?.content ? variant : await latestTemplateOverride(db, key);
  return row?.content ? { version: row.version, overrides: row.content as MessageOverrides } : undefined;
}

/** A tenant override that could not be sent: the message went out in the shipped text instead. */
export interface OverrideFallback {
  version: number;
  /** What was wrong, by override field; names placeholders and fields only, never a value. */
  problems: OverrideProblem[];
}

export interface Composition {
  message: ComposedMessage;
  /** The tenant's template version the message was rendered from; absent: the shipped text. */
  templateVersion?: number;
  overrideFallback?: OverrideFallback;
}

/**
 * Why an override failed, without the message's data: the override check names fields and
 * placeholders; other render failures are reduced to the override field and a missing placeholder.
 */
function problemsOf(error: TemplateError): OverrideProblem[] {
  if (error instanceof UnsendableOverrideError) return error.problems;
  const field = /override '(\w+)'/.exec(error.message)?.[1];
  const missing = /no value for (\{\{\w+\}\})/.exec(error.message)?.[1];
  return [
    {
      field: field ? `/${field}` : '/',
      message: missing
        ? `${missing} had no value for this message`
        : "does not render with this message's data (e.g. its HTML fails the email check once filled)",
    },
  ];
}

interface ComposeParams {
  input: SendMessageInput;
  debtor: DebtorRow;
  brand: Brand;
  settings: TenantSettings;
  db: Database;
  urls: PublicUrls;
  /** Letters: the Amsterdam day their print batch is posted; the letter is dated and batched by it. */
  postedOn: string;
}

/**
 * The message for the requested channel, or undefined when the debtor has no contact data for it.
 * A tenant override that does not render (stored before saves were checked as strictly, or failing
 * on this message's data) never costs the debtor the message: it goes out in the shipped text, and
 * the fallback is reported so the caller can raise the alert. A failure of the shipped text is thrown.
 */
export async function composeMessage(params: ComposeParams): Promise<Composition | undefined> {
  const language = resolveLanguage(params.debtor.language);
  const data = templateData(params.input, params.debtor, params.brand, params.urls, params.settings);
  const current = await currentOverride(params.db, params.input, language);
  const withText = async (overrides: MessageOverrides | undefined) => {
    const message = await composeWith(params, language, data, overrides);
    return message && { message };
  };
  if (!current) return withText(undefined);
  try {
    const composed = await withText(current.overrides);
    return composed && { ...composed, templateVersion: current.version };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const shipped = await withText(undefined);
    return (
      shipped && { ...shipped, overrideFallback: { version: current.version, problems: problemsOf(error) } }
    );
  }
}

async function composeWith(
  params: ComposeParams,
  language: Language,
  data: TemplateData,
  overrides: MessageOverrides | undefined,
): Promise<ComposedMessage | undefined> {
  const { input, debtor, brand, postedOn } = params;
  const render = <C extends ComposedMessage['channel']>(channel: C) =>
    renderMessage(input.template, channel, language, data, overrides);
  switch (input.channel) {
    case 'email': {
      if (!debtor.email) return undefined;
      const email = render('email');
      return {
        ...email,
        to: debtor.email,
        toName: debtor.name,
        from: { email: brand.email, name: brand.senderName },
      };
    }
    case 'sms':
      return debtor.phone ? { channel: 'sms', to: debtor.phone, text: render('sms').text } : undefined;
    case 'whatsapp': {
      if (!debtor.phone || !debtor.whatsappOptIn) return undefined;
      const message = render('whatsapp');
      return { ...message, to: debtor.phone };
    }
    case 'letter': {
      // A letter needs a postal address, and the creditor's IBAN for the bank-transfer QR code.
      if (!debtor.address || !brand.iban) return undefined;
      const letter = render('letter');
      const to = { name: debtor.name, ...debtor.address };
      // A claim beyond what the code can carry still gets its letter: the slip states the amount.
      const qrAmountCents = epcQrAmountCents(input.instalment?.amountCents ?? input.amounts.dueCents);
      const epcPayload = epcQrPayload({
        ...(brand.bic ? { bic: brand.bic } : {}),
        name: brand.name.slice(0, 70),
        iban: brand.iban,
        ...(qrAmountCents === undefined ? {} : { amountCents: qrAmountCents }),
        reference: betalingskenmerkFor(input.workflowId),
      });
      const pdf = await renderLetterPdf({
        templateId: input.template,
        language,
        data,
        to,
        date: postedOn,
        epcPayload,
        ...(overrides ? { overrides } : {}),
      });
      return {
        channel: 'letter',
        to,
        pdf,
        batchDate: postedOn,
        text: [letter.title, ...letter.paragraphs].join('\n\n'),
      };
    }
    case 'app': {
      if (!debtor.appUserId) return undefined;
      const app = render('app');
      return {
        ...app,
        debtorId: debtor.id,
        appUserId: debtor.appUserId,
        payUrl: data.payUrl,
        selfServiceUrl: data.selfServiceUrl,
      };
    }
  }
}
