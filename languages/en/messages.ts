// English texts, plain and short (B1). Same structure and legal content as the Dutch texts; the
// consumer formal notice keeps the 14-days-after-receipt wording of art. 6:96 lid 6 BW.
import type { MessageTexts } from '../../activities/templates/text-schema.js';

export const messages: MessageTexts = {
  thisMessage: {
    email: 'this email',
    sms: 'this message',
    whatsapp: 'this message',
    letter: 'this letter',
    app: 'this message',
  },
  greeting: 'Dear {{debtorName}},',
  greetingWords: ['Dear', 'Hello', 'Hi', 'Good morning', 'Good afternoon'],
  closing: 'Kind regards,',
  payNow: 'Pay now',
  selfService:
    'Cannot pay everything now, or is something not right? Choose a payment plan, tell us when you will pay or ask your question at {{selfServiceUrl}}',
  amounts: {
    principal: 'Invoice amount',
    costs: 'Costs',
    interest: 'Interest',
    paid: 'Already paid',
    amountDue: 'Amount due',
    instalment: 'Instalment {number} of {of}',
  },
  vat: { included: 'This amount includes {amount} VAT.', none: 'No VAT is charged on these costs.' },
  templates: {
    'payment-request': {
      subject: 'Payment request for invoice {{invoiceId}}',
      title: 'Payment request invoice {{invoiceId}}',
      paragraphs: [
        'You can now pay invoice {{invoiceId}} online in a few steps. The amount is {{amountDue}}. Please pay by {{dueDate}}.',
        { if: 'description', text: 'This is for: {{description}}.' },
      ],
      sms: '{{creditorName}}: please pay invoice {{invoiceId}} of {{amountDue}} by {{dueDate}} at {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, here is the payment request for invoice {{invoiceId}} from {{creditorName}}. The amount is {{amountDue}}. Please pay by {{dueDate}}.\n\nPay now:\n{{payUrl}}\n\nQuestions or need a payment plan?\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Please pay {{amountDue}} by {{dueDate}}. You can pay right away in the app.',
    },
    'payment-request-past-due': {
      subject: 'Payment request for invoice {{invoiceId}}',
      title: 'Payment request invoice {{invoiceId}}',
      paragraphs: [
        'You can now pay invoice {{invoiceId}} online in a few steps. The amount is {{amountDue}}. The invoice was due on {{dueDate}}, so we give you new time: please pay by {{deadline}}.',
        { if: 'description', text: 'This is for: {{description}}.' },
      ],
      sms: '{{creditorName}}: please pay invoice {{invoiceId}} of {{amountDue}} by {{deadline}} at {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, here is the payment request for invoice {{invoiceId}} from {{creditorName}}. The amount is {{amountDue}}. The invoice was due on {{dueDate}}. Please pay by {{deadline}}.\n\nPay now:\n{{payUrl}}\n\nQuestions or need a payment plan?\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Please pay {{amountDue}} by {{deadline}}. You can pay right away in the app.',
    },
    'reminder-1': {
      subject: 'Reminder: invoice {{invoiceId}} is still open',
      title: 'Reminder invoice {{invoiceId}}',
      paragraphs: [
        'Perhaps you missed it: invoice {{invoiceId}} of {{amountDue}} was due on {{dueDate}}. We have not received your payment yet.',
        'Would you like to pay now? It is quick and safe online.',
        'Have you just paid? Then you can ignore this reminder.',
      ],
      sms: '{{creditorName}}: invoice {{invoiceId}} of {{amountDue}} is still open. Would you like to pay now? {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, perhaps you missed it: invoice {{invoiceId}} from {{creditorName}} is still open. The amount is {{amountDue}}.\n\nPay now:\n{{payUrl}}\n\nHave you just paid? Then you can ignore this reminder.',
      app: 'Invoice {{invoiceId}} of {{amountDue}} is still open. Would you like to pay now?',
    },
    'reminder-2': {
      subject: 'Second reminder: invoice {{invoiceId}}',
      title: 'Second reminder invoice {{invoiceId}}',
      paragraphs: [
        'We already sent you a reminder, but invoice {{invoiceId}} has still not been paid. The payment term ended on {{dueDate}}. The amount due is {{amountDue}}.',
        'We ask you to pay the amount now.',
        'Cannot pay everything at once? Please contact us. Together we will find a solution.',
      ],
      sms: '{{creditorName}}: invoice {{invoiceId}} of {{amountDue}} is still unpaid. Pay now at {{payUrl}} or choose a payment plan: {{selfServiceUrl}}',
      whatsapp:
        'Dear {{debtorName}}, invoice {{invoiceId}} from {{creditorName}} has still not been paid. The amount is {{amountDue}}. We ask you to pay it now.\n\nPay now:\n{{payUrl}}\n\nCannot pay it all at once? Choose a payment plan:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Invoice {{invoiceId}} of {{amountDue}} is still unpaid. Would you like to settle it now?',
    },
    'formal-notice-consumer': {
      subject: 'Formal notice: pay invoice {{invoiceId}} within 14 days',
      title: 'Formal notice invoice {{invoiceId}}',
      paragraphs: [
        'We have asked you before to pay invoice {{invoiceId}}. The amount due is {{amountDue}}. We have not received this amount yet.',
        'Please pay the amount within 14 days after the day on which you receive {{thisMessage}}. You will then pay no extra costs.',
        'If you do not pay within these 14 days, we will charge you {{collectionCosts}} in collection costs. {{collectionCostsVatNote}}',
      ],
      sms: '{{creditorName}}: invoice {{invoiceId}} ({{amountDue}}) is unpaid. Pay within 14 days after the day on which you receive this message, or {{collectionCosts}} collection costs will be added. {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, invoice {{invoiceId}} from {{creditorName}} has not been paid. The amount is {{amountDue}}.\n\nPlease pay within 14 days after the day on which you receive this message. If you do not pay within these 14 days, we will charge you {{collectionCosts}} in collection costs. {{collectionCostsVatNote}}\n\nPay now:\n{{payUrl}}\n\nNeed a payment plan? Go to:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Please pay {{amountDue}} within 14 days after the day on which you receive this message, or {{collectionCosts}} collection costs will be added.',
    },
    'formal-notice-business': {
      subject: 'Formal notice: invoice {{invoiceId}}',
      title: 'Formal notice invoice {{invoiceId}}',
      paragraphs: [
        'Invoice {{invoiceId}} was due on {{dueDate}}. We have not received your payment yet. The amount outstanding is now {{amountDue}}.',
        'For a business claim, collection costs and the statutory commercial interest are owed from the day after the due date. This amount therefore includes {{collectionCosts}} in collection costs and the commercial interest up to today.',
        'Please pay the amount by {{deadline}}.',
      ],
      sms: '{{creditorName}}: invoice {{invoiceId}} is unpaid. To pay: {{amountDue}}, incl. {{collectionCosts}} collection costs and commercial interest. Pay by {{deadline}}: {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, invoice {{invoiceId}} from {{creditorName}} has not been paid. The amount outstanding is now {{amountDue}}. This includes {{collectionCosts}} in collection costs and the statutory commercial interest.\n\nPlease pay by {{deadline}}.\n\nPay now:\n{{payUrl}}\n\nThank you.',
      app: 'Please pay {{amountDue}} by {{deadline}}. This includes {{collectionCosts}} collection costs and commercial interest.',
    },
    'formal-notice-no-costs': {
      subject: 'Formal notice: pay invoice {{invoiceId}}',
      title: 'Formal notice invoice {{invoiceId}}',
      paragraphs: [
        'We have asked you before to pay invoice {{invoiceId}}. The amount due is {{amountDue}}. We have not received this amount yet.',
        'Please pay the amount by {{deadline}}.',
      ],
      sms: '{{creditorName}}: invoice {{invoiceId}} ({{amountDue}}) is unpaid. Please pay by {{deadline}} at {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, invoice {{invoiceId}} from {{creditorName}} has not been paid. The amount is {{amountDue}}.\n\nPlease pay by {{deadline}}.\n\nPay now:\n{{payUrl}}\n\nNeed a payment plan? Go to:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Invoice {{invoiceId}} is unpaid. Please pay {{amountDue}} by {{deadline}}.',
    },
    'payment-plan-offer': {
      subject: 'Pay invoice {{invoiceId}} in parts',
      title: 'Pay in parts',
      paragraphs: [
        'Invoice {{invoiceId}} of {{amountDue}} has not been paid yet. Perhaps this amount is too high to pay at once. That is why we offer you a payment plan.',
        {
          if: 'planInstalments',
          text: 'For example, you can pay in {{planInstalments}} monthly instalments of {{planInstalmentAmount}}.',
        },
        'Choose a plan that suits you at {{selfServiceUrl}}',
        'Prefer to pay at once? That is possible too.',
      ],
      sms: '{{creditorName}}: cannot pay invoice {{invoiceId}} ({{amountDue}}) at once? Choose a payment plan at {{selfServiceUrl}}',
      whatsapp:
        'Dear {{debtorName}}, invoice {{invoiceId}} from {{creditorName}} has not been paid yet. The amount is {{amountDue}}. Cannot pay it all at once? Then you can choose a payment plan.\n\nChoose your plan:\n{{selfServiceUrl}}\n\nPrefer to pay at once? You can do that here:\n{{payUrl}}\n\nThank you.',
      app: 'Pay invoice {{invoiceId}} of {{amountDue}} in parts? Choose your own payment plan.',
    },
    'final-notice': {
      subject: 'Final reminder: invoice {{invoiceId}}',
      title: 'Final reminder invoice {{invoiceId}}',
      paragraphs: [
        'Despite our earlier messages, invoice {{invoiceId}} has not been paid. The amount due is {{amountDue}}.',
        'This is our final reminder. Please pay the amount by {{deadline}}.',
        {
          if: 'collectionAgency',
          text: 'If you do not pay by {{deadline}}, we will hand the claim over to {{collectionAgency}}.',
        },
        {
          // No agency configured: say what really happens, and threaten nothing that will not follow.
          unless: 'collectionAgency',
          text: 'If you do not pay by {{deadline}}, we will send you no further reminders. The invoice remains due, and {{creditorName}} will then decide on the next step itself.',
        },
      ],
      sms: '{{creditorName}}: final reminder for invoice {{invoiceId}} ({{amountDue}}). Please pay by {{deadline}} at {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, this is the final reminder for invoice {{invoiceId}} from {{creditorName}}. The amount is {{amountDue}}. Please pay by {{deadline}}.\n\nPay now:\n{{payUrl}}\n\nNeed a payment plan? Go to:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Final reminder: please pay {{amountDue}} by {{deadline}}.',
    },
    'instalment-due': {
      subject: 'Instalment {{instalmentNumber}} of {{instalmentCount}}: {{instalmentAmount}}',
      title: 'Your next instalment',
      paragraphs: [
        'The next instalment of your payment plan for invoice {{invoiceId}} is due soon.',
        'Instalment {{instalmentNumber}} of {{instalmentCount}} is {{instalmentAmount}}. Please pay this amount by {{instalmentDueDate}}.',
      ],
      sms: '{{creditorName}}: instalment {{instalmentNumber}} of {{instalmentCount}} ({{instalmentAmount}}) is due by {{instalmentDueDate}}. {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, instalment {{instalmentNumber}} of {{instalmentCount}} for invoice {{invoiceId}} from {{creditorName}} is due soon. The amount is {{instalmentAmount}}, due by {{instalmentDueDate}}.\n\nPay now:\n{{payUrl}}\n\nThank you.',
      app: 'Instalment {{instalmentNumber}} of {{instalmentCount}}: please pay {{instalmentAmount}} by {{instalmentDueDate}}.',
    },
    'instalment-missed': {
      subject: 'Instalment {{instalmentNumber}} has not been paid',
      title: 'Instalment {{instalmentNumber}} not received',
      paragraphs: [
        'We have not received instalment {{instalmentNumber}} of {{instalmentCount}} of your payment plan for invoice {{invoiceId}}. The amount is {{instalmentAmount}}. It was due on {{instalmentDueDate}}.',
        'Would you like to pay the instalment now? Then your plan simply continues.',
        'Has your income gone down? Then you can ask for a lower amount per instalment at {{selfServiceUrl}}',
      ],
      sms: '{{creditorName}}: instalment {{instalmentNumber}} ({{instalmentAmount}}) is unpaid. Pay now at {{payUrl}} or ask for a lower amount: {{selfServiceUrl}}',
      whatsapp:
        'Dear {{debtorName}}, we have not received instalment {{instalmentNumber}} of {{instalmentCount}} for invoice {{invoiceId}} from {{creditorName}}. The amount is {{instalmentAmount}}.\n\nPay now:\n{{payUrl}}\n\nHas your income gone down? Ask for a lower amount per instalment:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'Instalment {{instalmentNumber}} ({{instalmentAmount}}) has not been paid. Would you like to pay it now?',
    },
    'contact-update-request': {
      subject: 'Are your contact details still correct?',
      title: 'Are your contact details still correct?',
      paragraphs: [
        'We could not deliver a message about invoice {{invoiceId}} to you. Perhaps your email address or phone number has changed.',
        'Would you check your details? Then we can reach you properly from now on. You can do this at {{selfServiceUrl}}',
        'For invoice {{invoiceId}}, {{amountDue}} is still open.',
      ],
      sms: '{{creditorName}}: we could not reach you about invoice {{invoiceId}}. Please check your email address and phone number at {{selfServiceUrl}}',
      whatsapp:
        'Dear {{debtorName}}, we could not deliver a message about invoice {{invoiceId}} from {{creditorName}} to you. Would you check your email address and phone number?\n\nCheck your details:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'We could not reach you properly. Would you check your email address and phone number?',
    },
    'plan-confirmation': {
      subject: 'Your payment plan for invoice {{invoiceId}}',
      title: 'Your payment plan',
      paragraphs: [
        'Thank you for agreeing a payment plan for invoice {{invoiceId}}.',
        'You will pay {{planInstalments}} instalments of {{planInstalmentAmount}}. The first instalment is due by {{planFirstDueDate}}.',
        'Before each instalment we will send you a message with a payment link.',
      ],
      sms: '{{creditorName}}: your payment plan is set. {{planInstalments}} instalments of {{planInstalmentAmount}}, the first by {{planFirstDueDate}}. {{selfServiceUrl}}',
      whatsapp:
        'Dear {{debtorName}}, thank you! Your payment plan for invoice {{invoiceId}} from {{creditorName}} is set. You will pay {{planInstalments}} instalments of {{planInstalmentAmount}}. The first instalment is due by {{planFirstDueDate}}.\n\nView your plan:\n{{selfServiceUrl}}\n\nBefore each instalment you will get a message from us.',
      app: 'Your plan is set: {{planInstalments}} instalments of {{planInstalmentAmount}}, the first by {{planFirstDueDate}}.',
    },
    'direct-debit-notice': {
      subject: 'Direct debit of {{collectionAmount}} on {{collectionDate}}',
      title: 'Your next direct debit',
      paragraphs: [
        'On {{collectionDate}} we will collect {{collectionAmount}} from your account for invoice {{invoiceId}}. We use the mandate you gave {{creditorName}} for this.',
        'Mandate reference: {{mandateReference}}. Creditor identifier: {{creditorId}}.',
        'Would you make sure there is enough money in your account? Then the direct debit will go through.',
        'Prefer to pay yourself now? That is possible too. Then we will not collect anything.',
        'Would you like to stop the direct debit or choose another day? You can do this at {{selfServiceUrl}}',
        'Do you disagree with a collection? Then you can ask your bank to reverse it within 8 weeks.',
      ],
      sms: '{{creditorName}}: on {{collectionDate}} we will collect {{collectionAmount}} for invoice {{invoiceId}}. Mandate {{mandateReference}}, creditor ID {{creditorId}}. Stop or change: {{selfServiceUrl}}',
      whatsapp:
        'Dear {{debtorName}}, on {{collectionDate}} we will collect {{collectionAmount}} from your account for invoice {{invoiceId}}. We use the mandate you gave {{creditorName}} for this (reference {{mandateReference}}, creditor identifier {{creditorId}}). Would you make sure there is enough money in your account?\n\nPrefer to pay yourself now? Then we will not collect anything:\n{{payUrl}}\n\nStop the direct debit or choose another day:\n{{selfServiceUrl}}\n\nDo you disagree with a collection? Then you can ask your bank to reverse it within 8 weeks.',
      app: 'On {{collectionDate}} we will collect {{collectionAmount}} from your account (mandate {{mandateReference}}, creditor ID {{creditorId}}). Would you make sure there is enough money in it?',
    },
    'direct-debit-failed': {
      subject: 'Direct debit of {{collectionAmount}} did not go through',
      title: 'Direct debit did not go through',
      paragraphs: [
        'We could not collect {{collectionAmount}} for invoice {{invoiceId}} from your account. Perhaps there was not enough money in it.',
        'We will try once more on {{collectionDate}}. Would you make sure there is enough money in your account by then?',
        'Mandate reference: {{mandateReference}}. Creditor identifier: {{creditorId}}.',
        'Prefer to pay yourself now? That is possible too. Then we will not collect anything more.',
        'Is this amount too high right now? Then see which plan suits you at {{selfServiceUrl}}',
      ],
      sms: '{{creditorName}}: the direct debit of {{collectionAmount}} for invoice {{invoiceId}} did not go through. We will try once more on {{collectionDate}} (mandate {{mandateReference}}, creditor ID {{creditorId}}). {{payUrl}}',
      whatsapp:
        'Dear {{debtorName}}, the direct debit of {{collectionAmount}} for invoice {{invoiceId}} from {{creditorName}} did not go through. Perhaps there was not enough money in your account.\n\nWe will try once more on {{collectionDate}}, with mandate {{mandateReference}} (creditor identifier {{creditorId}}). Would you make sure there is enough money in your account by then?\n\nPrefer to pay yourself now? Then we will not collect anything more:\n{{payUrl}}\n\nIs this amount too high right now? Choose a payment plan:\n{{selfServiceUrl}}\n\nThank you.',
      app: 'The direct debit of {{collectionAmount}} did not go through. We will try once more on {{collectionDate}} (mandate {{mandateReference}}, creditor ID {{creditorId}}).',
    },
  },
};
