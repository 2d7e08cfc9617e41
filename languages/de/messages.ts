// German texts, B1 level: short sentences, common words, "Sie". Same tone and legal content as the
// Dutch texts: the consumer formal notice keeps the 14-days-after-receipt wording of art. 6:96 lid 6 BW.
import type { MessageTexts } from '../../activities/templates/text-schema.js';

export const messages: MessageTexts = {
  thisMessage: {
    email: 'diese E-Mail',
    sms: 'diese Nachricht',
    whatsapp: 'diese Nachricht',
    letter: 'diesen Brief',
    app: 'diese Nachricht',
  },
  greeting: 'Guten Tag {{debtorName}},',
  greetingWords: ['Guten Tag', 'Sehr geehrte', 'Sehr geehrter', 'Hallo', 'Liebe', 'Lieber'],
  closing: 'Mit freundlichen Grüßen',
  payNow: 'Jetzt bezahlen',
  selfService:
    'Können Sie jetzt nicht alles bezahlen, oder stimmt etwas nicht? Wählen Sie eine Ratenzahlung, nennen Sie uns einen Zahltag oder stellen Sie Ihre Frage unter {{selfServiceUrl}}',
  amounts: {
    principal: 'Rechnungsbetrag',
    costs: 'Kosten',
    interest: 'Zinsen',
    paid: 'Bereits bezahlt',
    amountDue: 'Noch zu zahlen',
    instalment: 'Rate {number} von {of}',
  },
  vat: {
    included: 'Dieser Betrag enthält {amount} MwSt.',
    none: 'Auf diese Kosten berechnen wir keine MwSt.',
  },
  templates: {
    'payment-request': {
      subject: 'Zahlungsaufforderung für Rechnung {{invoiceId}}',
      title: 'Zahlungsaufforderung Rechnung {{invoiceId}}',
      paragraphs: [
        'Sie können Rechnung {{invoiceId}} jetzt einfach online bezahlen. Der Betrag ist {{amountDue}}. Bitte bezahlen Sie bis spätestens {{dueDate}}.',
        { if: 'description', text: 'Es geht um: {{description}}.' },
      ],
      sms: '{{creditorName}}: Bitte zahlen Sie Rechnung {{invoiceId}} über {{amountDue}} bis spätestens {{dueDate}}: {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, hier ist die Zahlungsaufforderung für Rechnung {{invoiceId}} von {{creditorName}}. Der Betrag ist {{amountDue}}. Bitte bezahlen Sie bis spätestens {{dueDate}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nFragen oder eine Ratenzahlung nötig?\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Bitte zahlen Sie {{amountDue}} bis spätestens {{dueDate}}. Das geht direkt in der App.',
    },
    'payment-request-past-due': {
      subject: 'Zahlungsaufforderung für Rechnung {{invoiceId}}',
      title: 'Zahlungsaufforderung Rechnung {{invoiceId}}',
      paragraphs: [
        'Sie können Rechnung {{invoiceId}} jetzt einfach online bezahlen. Der Betrag ist {{amountDue}}. Die Rechnung war am {{dueDate}} fällig. Darum geben wir Ihnen neue Zeit: Bitte bezahlen Sie bis spätestens {{deadline}}.',
        { if: 'description', text: 'Es geht um: {{description}}.' },
      ],
      sms: '{{creditorName}}: Bitte zahlen Sie Rechnung {{invoiceId}} über {{amountDue}} bis spätestens {{deadline}}: {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, hier ist die Zahlungsaufforderung für Rechnung {{invoiceId}} von {{creditorName}}. Der Betrag ist {{amountDue}}. Die Rechnung war am {{dueDate}} fällig. Bitte bezahlen Sie bis spätestens {{deadline}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nFragen oder eine Ratenzahlung nötig?\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Bitte zahlen Sie {{amountDue}} bis spätestens {{deadline}}. Das geht direkt in der App.',
    },
    'reminder-1': {
      subject: 'Erinnerung: Rechnung {{invoiceId}} ist noch offen',
      title: 'Erinnerung Rechnung {{invoiceId}}',
      paragraphs: [
        'Vielleicht haben Sie es übersehen: Rechnung {{invoiceId}} über {{amountDue}} war am {{dueDate}} fällig. Wir haben Ihre Zahlung noch nicht erhalten.',
        'Möchten Sie den Betrag jetzt bezahlen? Das geht schnell und sicher online.',
        'Haben Sie gerade bezahlt? Dann ist diese Erinnerung nicht mehr nötig.',
      ],
      sms: '{{creditorName}}: Rechnung {{invoiceId}} über {{amountDue}} ist noch offen. Möchten Sie jetzt bezahlen? {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, vielleicht haben Sie es übersehen: Rechnung {{invoiceId}} von {{creditorName}} ist noch offen. Der Betrag ist {{amountDue}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nHaben Sie gerade bezahlt? Dann ist diese Erinnerung nicht mehr nötig.',
      app: 'Rechnung {{invoiceId}} über {{amountDue}} ist noch offen. Möchten Sie jetzt bezahlen?',
    },
    'reminder-2': {
      subject: 'Zweite Erinnerung: Rechnung {{invoiceId}}',
      title: 'Zweite Erinnerung Rechnung {{invoiceId}}',
      paragraphs: [
        'Wir haben Ihnen schon eine Erinnerung geschickt, aber Rechnung {{invoiceId}} ist immer noch nicht bezahlt. Die Zahlungsfrist ist am {{dueDate}} abgelaufen. Der offene Betrag ist {{amountDue}}.',
        'Wir bitten Sie, den Betrag jetzt zu bezahlen.',
        'Können Sie nicht alles auf einmal bezahlen? Dann nehmen Sie bitte Kontakt mit uns auf. Gemeinsam finden wir eine Lösung.',
      ],
      sms: '{{creditorName}}: Rechnung {{invoiceId}} über {{amountDue}} ist noch nicht bezahlt. Zahlen Sie jetzt: {{payUrl}} oder wählen Sie Raten: {{selfServiceUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, Rechnung {{invoiceId}} von {{creditorName}} ist immer noch nicht bezahlt. Der Betrag ist {{amountDue}}. Wir bitten Sie, ihn jetzt zu bezahlen.\n\nJetzt bezahlen:\n{{payUrl}}\n\nNicht alles auf einmal möglich? Wählen Sie eine Ratenzahlung:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Rechnung {{invoiceId}} über {{amountDue}} ist noch nicht bezahlt. Möchten Sie das jetzt regeln?',
    },
    'formal-notice-consumer': {
      subject: 'Mahnung: Bezahlen Sie Rechnung {{invoiceId}} innerhalb von 14 Tagen',
      title: 'Mahnung Rechnung {{invoiceId}}',
      paragraphs: [
        'Wir haben Sie schon früher gebeten, Rechnung {{invoiceId}} zu bezahlen. Der offene Betrag ist {{amountDue}}. Diesen Betrag haben wir noch nicht erhalten.',
        'Bitte bezahlen Sie den Betrag innerhalb von 14 Tagen nach dem Tag, an dem Sie {{thisMessage}} erhalten. Dann zahlen Sie keine zusätzlichen Kosten.',
        'Zahlen Sie nicht innerhalb dieser 14 Tage? Dann berechnen wir Ihnen {{collectionCosts}} Inkassokosten. {{collectionCostsVatNote}}',
      ],
      sms: '{{creditorName}}: Rechnung {{invoiceId}} ({{amountDue}}) ist offen. Zahlen Sie in 14 Tagen nach dem Tag, an dem Sie dies erhalten, sonst kommen {{collectionCosts}} Inkassokosten dazu. {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, Rechnung {{invoiceId}} von {{creditorName}} ist noch nicht bezahlt. Der Betrag ist {{amountDue}}.\n\nBitte bezahlen Sie innerhalb von 14 Tagen nach dem Tag, an dem Sie diese Nachricht erhalten. Zahlen Sie nicht innerhalb dieser 14 Tage? Dann berechnen wir Ihnen {{collectionCosts}} Inkassokosten. {{collectionCostsVatNote}}\n\nJetzt bezahlen:\n{{payUrl}}\n\nEine Ratenzahlung nötig? Schauen Sie hier:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Bitte zahlen Sie {{amountDue}} innerhalb von 14 Tagen nach dem Tag, an dem Sie diese Nachricht erhalten. Sonst kommen {{collectionCosts}} Inkassokosten dazu.',
    },
    'formal-notice-business': {
      subject: 'Mahnung: Rechnung {{invoiceId}}',
      title: 'Mahnung Rechnung {{invoiceId}}',
      paragraphs: [
        'Rechnung {{invoiceId}} war am {{dueDate}} fällig. Wir haben Ihre Zahlung noch nicht erhalten. Der offene Betrag ist jetzt {{amountDue}}.',
        'Bei einer Forderung gegen ein Unternehmen sind Inkassokosten und die gesetzlichen Handelszinsen ab dem Tag nach dem Fälligkeitsdatum geschuldet. Darum enthält dieser Betrag {{collectionCosts}} Inkassokosten und die Handelszinsen bis heute.',
        'Bitte bezahlen Sie den Betrag bis spätestens {{deadline}}.',
      ],
      sms: '{{creditorName}}: Rechnung {{invoiceId}} ist offen. Zu zahlen: {{amountDue}}, mit {{collectionCosts}} Inkassokosten und Handelszinsen. Zahlen Sie bis {{deadline}}: {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, Rechnung {{invoiceId}} von {{creditorName}} ist noch nicht bezahlt. Der offene Betrag ist jetzt {{amountDue}}. Darin sind {{collectionCosts}} Inkassokosten und die gesetzlichen Handelszinsen enthalten.\n\nBitte bezahlen Sie bis spätestens {{deadline}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nVielen Dank.',
      app: 'Bitte zahlen Sie {{amountDue}} bis spätestens {{deadline}}. Darin sind {{collectionCosts}} Inkassokosten und Handelszinsen enthalten.',
    },
    'formal-notice-no-costs': {
      subject: 'Mahnung: Bezahlen Sie Rechnung {{invoiceId}}',
      title: 'Mahnung Rechnung {{invoiceId}}',
      paragraphs: [
        'Wir haben Sie schon früher gebeten, Rechnung {{invoiceId}} zu bezahlen. Der offene Betrag ist {{amountDue}}. Diesen Betrag haben wir noch nicht erhalten.',
        'Bitte bezahlen Sie den Betrag bis spätestens {{deadline}}.',
      ],
      sms: '{{creditorName}}: Rechnung {{invoiceId}} ({{amountDue}}) ist offen. Bitte zahlen Sie bis spätestens {{deadline}}: {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, Rechnung {{invoiceId}} von {{creditorName}} ist noch nicht bezahlt. Der Betrag ist {{amountDue}}.\n\nBitte bezahlen Sie bis spätestens {{deadline}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nEine Ratenzahlung nötig? Schauen Sie hier:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Rechnung {{invoiceId}} ist noch nicht bezahlt. Bitte zahlen Sie {{amountDue}} bis spätestens {{deadline}}.',
    },
    'payment-plan-offer': {
      subject: 'Rechnung {{invoiceId}} in Raten bezahlen',
      title: 'In Raten bezahlen',
      paragraphs: [
        'Rechnung {{invoiceId}} über {{amountDue}} ist noch nicht bezahlt. Vielleicht ist dieser Betrag jetzt zu hoch, um ihn auf einmal zu bezahlen. Darum bieten wir Ihnen eine Ratenzahlung an.',
        {
          if: 'planInstalments',
          text: 'Sie können zum Beispiel in {{planInstalments}} monatlichen Raten von {{planInstalmentAmount}} bezahlen.',
        },
        'Wählen Sie selbst eine passende Ratenzahlung unter {{selfServiceUrl}}',
        'Lieber alles auf einmal bezahlen? Das geht natürlich auch.',
      ],
      sms: '{{creditorName}}: Können Sie Rechnung {{invoiceId}} ({{amountDue}}) nicht auf einmal bezahlen? Wählen Sie eine Ratenzahlung: {{selfServiceUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, Rechnung {{invoiceId}} von {{creditorName}} ist noch nicht bezahlt. Der Betrag ist {{amountDue}}. Können Sie nicht alles auf einmal bezahlen? Dann können Sie eine Ratenzahlung wählen.\n\nRatenzahlung wählen:\n{{selfServiceUrl}}\n\nLieber alles auf einmal bezahlen? Das geht hier:\n{{payUrl}}\n\nVielen Dank.',
      app: 'Rechnung {{invoiceId}} über {{amountDue}} in Raten bezahlen? Wählen Sie selbst eine Ratenzahlung.',
    },
    'final-notice': {
      subject: 'Letzte Erinnerung: Rechnung {{invoiceId}}',
      title: 'Letzte Erinnerung Rechnung {{invoiceId}}',
      paragraphs: [
        'Trotz unserer früheren Nachrichten ist Rechnung {{invoiceId}} noch nicht bezahlt. Der offene Betrag ist {{amountDue}}.',
        'Das ist unsere letzte Erinnerung. Bitte bezahlen Sie den Betrag bis spätestens {{deadline}}.',
        {
          if: 'collectionAgency',
          text: 'Zahlen Sie nicht bis spätestens {{deadline}}? Dann übergeben wir die Forderung an {{collectionAgency}}.',
        },
        {
          // No agency configured: say what really happens, and threaten nothing that will not follow.
          unless: 'collectionAgency',
          text: 'Zahlen Sie nicht bis spätestens {{deadline}}? Dann schicken wir Ihnen keine Erinnerungen mehr. Die Rechnung bleibt offen. {{creditorName}} entscheidet dann selbst über den nächsten Schritt.',
        },
      ],
      sms: '{{creditorName}}: letzte Erinnerung für Rechnung {{invoiceId}} ({{amountDue}}). Bitte zahlen Sie bis spätestens {{deadline}}: {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, das ist die letzte Erinnerung für Rechnung {{invoiceId}} von {{creditorName}}. Der Betrag ist {{amountDue}}. Bitte bezahlen Sie bis spätestens {{deadline}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nEine Ratenzahlung nötig? Schauen Sie hier:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Letzte Erinnerung: Bitte zahlen Sie {{amountDue}} bis spätestens {{deadline}}.',
    },
    'instalment-due': {
      subject: 'Rate {{instalmentNumber}} von {{instalmentCount}}: {{instalmentAmount}}',
      title: 'Ihre nächste Rate',
      paragraphs: [
        'Bald ist die nächste Rate Ihrer Ratenzahlung für Rechnung {{invoiceId}} fällig.',
        'Rate {{instalmentNumber}} von {{instalmentCount}} beträgt {{instalmentAmount}}. Bitte bezahlen Sie diesen Betrag bis spätestens {{instalmentDueDate}}.',
      ],
      sms: '{{creditorName}}: Rate {{instalmentNumber}} von {{instalmentCount}} ({{instalmentAmount}}) zahlen Sie bis spätestens {{instalmentDueDate}}. {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, bald ist Rate {{instalmentNumber}} von {{instalmentCount}} für Rechnung {{invoiceId}} von {{creditorName}} fällig. Der Betrag ist {{instalmentAmount}}, bis spätestens {{instalmentDueDate}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nVielen Dank.',
      app: 'Rate {{instalmentNumber}} von {{instalmentCount}}: Bitte zahlen Sie {{instalmentAmount}} bis spätestens {{instalmentDueDate}}.',
    },
    'instalment-missed': {
      subject: 'Rate {{instalmentNumber}} ist noch nicht bezahlt',
      title: 'Rate {{instalmentNumber}} nicht erhalten',
      paragraphs: [
        'Wir haben Rate {{instalmentNumber}} von {{instalmentCount}} Ihrer Ratenzahlung für Rechnung {{invoiceId}} noch nicht erhalten. Es geht um {{instalmentAmount}}. Diese Rate war am {{instalmentDueDate}} fällig.',
        'Möchten Sie die Rate jetzt bezahlen? Dann läuft Ihre Ratenzahlung einfach weiter.',
        'Ist Ihr Einkommen gesunken? Dann können Sie unter {{selfServiceUrl}} einen niedrigeren Betrag pro Rate beantragen.',
      ],
      sms: '{{creditorName}}: Rate {{instalmentNumber}} ({{instalmentAmount}}) ist nicht bezahlt. Zahlen Sie jetzt: {{payUrl}} oder beantragen Sie weniger: {{selfServiceUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, wir haben Rate {{instalmentNumber}} von {{instalmentCount}} für Rechnung {{invoiceId}} von {{creditorName}} noch nicht erhalten. Der Betrag ist {{instalmentAmount}}.\n\nJetzt bezahlen:\n{{payUrl}}\n\nIst Ihr Einkommen gesunken? Beantragen Sie einen niedrigeren Betrag pro Rate:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Rate {{instalmentNumber}} ({{instalmentAmount}}) ist noch nicht bezahlt. Möchten Sie sie jetzt bezahlen?',
    },
    'contact-update-request': {
      subject: 'Stimmen Ihre Kontaktdaten noch?',
      title: 'Stimmen Ihre Kontaktdaten noch?',
      paragraphs: [
        'Wir konnten Ihnen eine Nachricht zu Rechnung {{invoiceId}} nicht zustellen. Vielleicht hat sich Ihre E-Mail-Adresse oder Telefonnummer geändert.',
        'Möchten Sie Ihre Daten prüfen? Dann erreichen wir Sie in Zukunft gut. Das geht unter {{selfServiceUrl}}',
        'Für Rechnung {{invoiceId}} sind noch {{amountDue}} offen.',
      ],
      sms: '{{creditorName}}: Wir konnten Sie zu Rechnung {{invoiceId}} nicht erreichen. Prüfen Sie Ihre E-Mail-Adresse und Telefonnummer: {{selfServiceUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, wir konnten Ihnen eine Nachricht zu Rechnung {{invoiceId}} von {{creditorName}} nicht zustellen. Möchten Sie Ihre E-Mail-Adresse und Telefonnummer prüfen?\n\nDaten prüfen:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Wir konnten Sie nicht gut erreichen. Möchten Sie Ihre E-Mail-Adresse und Telefonnummer prüfen?',
    },
    'plan-confirmation': {
      subject: 'Ihre Ratenzahlung für Rechnung {{invoiceId}}',
      title: 'Ihre Ratenzahlung',
      paragraphs: [
        'Vielen Dank, dass Sie eine Ratenzahlung für Rechnung {{invoiceId}} vereinbart haben.',
        'Sie zahlen {{planInstalments}} Raten von {{planInstalmentAmount}}. Die erste Rate zahlen Sie bis spätestens {{planFirstDueDate}}.',
        'Vor jeder Rate schicken wir Ihnen rechtzeitig eine Nachricht mit einem Zahlungslink.',
      ],
      sms: '{{creditorName}}: Ihre Ratenzahlung steht. {{planInstalments}} Raten von {{planInstalmentAmount}}, die erste bis spätestens {{planFirstDueDate}}. {{selfServiceUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, vielen Dank! Ihre Ratenzahlung für Rechnung {{invoiceId}} von {{creditorName}} steht. Sie zahlen {{planInstalments}} Raten von {{planInstalmentAmount}}. Die erste Rate zahlen Sie bis spätestens {{planFirstDueDate}}.\n\nIhre Ratenzahlung ansehen:\n{{selfServiceUrl}}\n\nVor jeder Rate bekommen Sie eine Nachricht von uns.',
      app: 'Ihre Ratenzahlung steht: {{planInstalments}} Raten von {{planInstalmentAmount}}, die erste bis spätestens {{planFirstDueDate}}.',
    },
    'direct-debit-notice': {
      subject: 'Lastschrift über {{collectionAmount}} am {{collectionDate}}',
      title: 'Ihre nächste Lastschrift',
      paragraphs: [
        'Am {{collectionDate}} buchen wir {{collectionAmount}} für Rechnung {{invoiceId}} von Ihrem Konto ab. Dafür nutzen wir das Mandat, das Sie {{creditorName}} gegeben haben.',
        'Mandatsreferenz: {{mandateReference}}. Gläubiger-ID: {{creditorId}}.',
        'Bitte sorgen Sie dafür, dass genug Geld auf Ihrem Konto ist. Dann klappt die Lastschrift.',
        'Lieber jetzt selbst bezahlen? Das geht auch. Dann buchen wir nichts ab.',
        'Möchten Sie die Lastschrift stoppen oder einen anderen Tag wählen? Das geht unter {{selfServiceUrl}}',
        'Sind Sie mit einer Abbuchung nicht einverstanden? Dann können Sie sie innerhalb von 8 Wochen über Ihre Bank zurückbuchen lassen.',
      ],
      sms: '{{creditorName}}: Am {{collectionDate}} buchen wir {{collectionAmount}} für Rechnung {{invoiceId}} ab. Mandat {{mandateReference}}, Gläubiger-ID {{creditorId}}. Stoppen/ändern: {{selfServiceUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, am {{collectionDate}} buchen wir {{collectionAmount}} für Rechnung {{invoiceId}} von Ihrem Konto ab. Dafür nutzen wir das Mandat, das Sie {{creditorName}} gegeben haben (Mandatsreferenz {{mandateReference}}, Gläubiger-ID {{creditorId}}). Bitte sorgen Sie dafür, dass genug Geld auf Ihrem Konto ist.\n\nLieber jetzt selbst bezahlen? Dann buchen wir nichts ab:\n{{payUrl}}\n\nLastschrift stoppen oder anderen Tag wählen:\n{{selfServiceUrl}}\n\nNicht einverstanden mit einer Abbuchung? Dann können Sie sie innerhalb von 8 Wochen über Ihre Bank zurückbuchen lassen.',
      app: 'Am {{collectionDate}} buchen wir {{collectionAmount}} von Ihrem Konto ab (Mandat {{mandateReference}}, Gläubiger-ID {{creditorId}}). Bitte sorgen Sie für genug Geld auf dem Konto.',
    },
    'direct-debit-failed': {
      subject: 'Lastschrift über {{collectionAmount}} hat nicht geklappt',
      title: 'Lastschrift hat nicht geklappt',
      paragraphs: [
        'Wir konnten {{collectionAmount}} für Rechnung {{invoiceId}} nicht von Ihrem Konto abbuchen. Vielleicht war nicht genug Geld auf Ihrem Konto.',
        'Am {{collectionDate}} versuchen wir es noch ein Mal. Bitte sorgen Sie dafür, dass dann genug Geld auf Ihrem Konto ist.',
        'Mandatsreferenz: {{mandateReference}}. Gläubiger-ID: {{creditorId}}.',
        'Lieber jetzt selbst bezahlen? Das geht auch. Dann buchen wir nichts mehr ab.',
        'Ist dieser Betrag jetzt zu hoch? Dann schauen Sie unter {{selfServiceUrl}}, welche Ratenzahlung zu Ihnen passt.',
      ],
      sms: '{{creditorName}}: Die Lastschrift über {{collectionAmount}} für Rechnung {{invoiceId}} hat nicht geklappt. Am {{collectionDate}} versuchen wir es noch 1 Mal (Mandat {{mandateReference}}, Gläubiger-ID {{creditorId}}). {{payUrl}}',
      whatsapp:
        'Guten Tag {{debtorName}}, die Lastschrift über {{collectionAmount}} für Rechnung {{invoiceId}} von {{creditorName}} hat nicht geklappt. Vielleicht war nicht genug Geld auf Ihrem Konto.\n\nAm {{collectionDate}} versuchen wir es noch ein Mal, mit Mandat {{mandateReference}} (Gläubiger-ID {{creditorId}}). Bitte sorgen Sie dafür, dass dann genug Geld auf Ihrem Konto ist.\n\nLieber jetzt selbst bezahlen? Dann buchen wir nichts mehr ab:\n{{payUrl}}\n\nIst der Betrag jetzt zu hoch? Wählen Sie eine Ratenzahlung:\n{{selfServiceUrl}}\n\nVielen Dank.',
      app: 'Die Lastschrift über {{collectionAmount}} hat nicht geklappt. Am {{collectionDate}} versuchen wir es noch ein Mal (Mandat {{mandateReference}}, Gläubiger-ID {{creditorId}}).',
    },
  },
};
