// Dutch texts, B1 level: short sentences, common words, "u". Kind but firm, and no consequence is
// mentioned unless the data says it will really happen (Wet kwaliteit incassodienstverlening norms).
import type { MessageTexts } from '../../activities/templates/text-schema.js';

export const messages: MessageTexts = {
  thisMessage: {
    email: 'deze e-mail',
    sms: 'dit bericht',
    whatsapp: 'dit bericht',
    letter: 'deze brief',
    app: 'dit bericht',
  },
  greeting: 'Beste {{debtorName}},',
  greetingWords: ['Beste', 'Geachte', 'Hallo', 'Hoi', 'Dag', 'Goedemorgen', 'Goedemiddag'],
  closing: 'Met vriendelijke groet,',
  payNow: 'Nu betalen',
  selfService:
    'Lukt het niet om nu alles te betalen, of klopt er iets niet? Kies een betalingsregeling, geef een betaaldatum door of stel uw vraag via {{selfServiceUrl}}',
  amounts: {
    principal: 'Bedrag factuur',
    costs: 'Kosten',
    interest: 'Rente',
    paid: 'Al betaald',
    amountDue: 'Nog te betalen',
    instalment: 'Termijn {number} van {of}',
  },
  vat: { included: 'Dit bedrag is inclusief {amount} btw.', none: 'Over deze kosten rekenen wij geen btw.' },
  templates: {
    'payment-request': {
      subject: 'Betaalverzoek voor factuur {{invoiceId}}',
      title: 'Betaalverzoek factuur {{invoiceId}}',
      paragraphs: [
        'U kunt factuur {{invoiceId}} nu eenvoudig online betalen. Het bedrag is {{amountDue}}. Wij ontvangen uw betaling graag uiterlijk {{dueDate}}.',
        { if: 'description', text: 'Het gaat om: {{description}}.' },
      ],
      sms: '{{creditorName}}: betaal factuur {{invoiceId}} van {{amountDue}} uiterlijk {{dueDate}} via {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, hierbij het betaalverzoek voor factuur {{invoiceId}} van {{creditorName}}. Het bedrag is {{amountDue}}. Wilt u dit uiterlijk {{dueDate}} betalen?\n\nDirect betalen:\n{{payUrl}}\n\nVragen of een regeling nodig?\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Betaal {{amountDue}} uiterlijk {{dueDate}}. Het kan direct in de app.',
    },
    'payment-request-past-due': {
      subject: 'Betaalverzoek voor factuur {{invoiceId}}',
      title: 'Betaalverzoek factuur {{invoiceId}}',
      paragraphs: [
        'U kunt factuur {{invoiceId}} nu eenvoudig online betalen. Het bedrag is {{amountDue}}. De factuur had uiterlijk {{dueDate}} betaald moeten zijn. Daarom krijgt u van ons nieuwe tijd: wilt u het bedrag uiterlijk {{deadline}} betalen?',
        { if: 'description', text: 'Het gaat om: {{description}}.' },
      ],
      sms: '{{creditorName}}: betaal factuur {{invoiceId}} van {{amountDue}} uiterlijk {{deadline}} via {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, hierbij het betaalverzoek voor factuur {{invoiceId}} van {{creditorName}}. Het bedrag is {{amountDue}}. De factuur had uiterlijk {{dueDate}} betaald moeten zijn. Wilt u dit uiterlijk {{deadline}} betalen?\n\nDirect betalen:\n{{payUrl}}\n\nVragen of een regeling nodig?\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Betaal {{amountDue}} uiterlijk {{deadline}}. Het kan direct in de app.',
    },
    'reminder-1': {
      subject: 'Herinnering: factuur {{invoiceId}} staat nog open',
      title: 'Herinnering factuur {{invoiceId}}',
      paragraphs: [
        'Misschien is het u ontgaan: factuur {{invoiceId}} van {{amountDue}} moest uiterlijk {{dueDate}} betaald zijn. Wij hebben uw betaling nog niet ontvangen.',
        'Wilt u het bedrag nu betalen? Dat kan snel en veilig online.',
        'Heeft u net betaald? Dan is deze herinnering niet meer nodig.',
      ],
      sms: '{{creditorName}}: factuur {{invoiceId}} van {{amountDue}} staat nog open. Wilt u deze nu betalen? {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, misschien is het u ontgaan: factuur {{invoiceId}} van {{creditorName}} staat nog open. Het bedrag is {{amountDue}}.\n\nDirect betalen:\n{{payUrl}}\n\nHeeft u net betaald? Dan is deze herinnering niet meer nodig.',
      app: 'Factuur {{invoiceId}} van {{amountDue}} staat nog open. Wilt u deze nu betalen?',
    },
    'reminder-2': {
      subject: 'Tweede herinnering: factuur {{invoiceId}}',
      title: 'Tweede herinnering factuur {{invoiceId}}',
      paragraphs: [
        'Wij hebben u al een herinnering gestuurd, maar factuur {{invoiceId}} is nog steeds niet betaald. De betaaltermijn is verlopen op {{dueDate}}. Het openstaande bedrag is {{amountDue}}.',
        'Wij vragen u het bedrag nu te betalen.',
        'Kunt u niet alles in één keer betalen? Neem dan contact met ons op. Samen zoeken we een oplossing.',
      ],
      sms: '{{creditorName}}: factuur {{invoiceId}} van {{amountDue}} is nog steeds niet betaald. Betaal nu via {{payUrl}} of kies een regeling: {{selfServiceUrl}}',
      whatsapp:
        'Beste {{debtorName}}, factuur {{invoiceId}} van {{creditorName}} is nog steeds niet betaald. Het bedrag is {{amountDue}}. Wij vragen u dit nu te betalen.\n\nDirect betalen:\n{{payUrl}}\n\nLukt dat niet in één keer? Kies een regeling:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Factuur {{invoiceId}} van {{amountDue}} is nog steeds niet betaald. Wilt u dit nu regelen?',
    },
    'formal-notice-consumer': {
      subject: 'Aanmaning: betaal factuur {{invoiceId}} binnen 14 dagen',
      title: 'Aanmaning factuur {{invoiceId}}',
      paragraphs: [
        'Wij hebben u al eerder gevraagd om factuur {{invoiceId}} te betalen. Het openstaande bedrag is {{amountDue}}. Dit bedrag hebben wij nog niet ontvangen.',
        'Wij vragen u het bedrag te betalen binnen 14 dagen na de dag waarop u {{thisMessage}} ontvangt. U betaalt dan geen extra kosten.',
        'Betaalt u niet binnen deze 14 dagen? Dan brengen wij u {{collectionCosts}} aan incassokosten in rekening. {{collectionCostsVatNote}}',
      ],
      sms: '{{creditorName}}: factuur {{invoiceId}} ({{amountDue}}) is niet betaald. Betaal binnen 14 dagen na de dag waarop u dit bericht ontvangt, anders komt er {{collectionCosts}} incassokosten bij. {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, factuur {{invoiceId}} van {{creditorName}} is nog niet betaald. Het bedrag is {{amountDue}}.\n\nBetaal binnen 14 dagen na de dag waarop u dit bericht ontvangt. Betaalt u niet binnen deze 14 dagen? Dan brengen wij u {{collectionCosts}} aan incassokosten in rekening. {{collectionCostsVatNote}}\n\nDirect betalen:\n{{payUrl}}\n\nEen regeling nodig? Kijk op:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Betaal {{amountDue}} binnen 14 dagen na de dag waarop u dit bericht ontvangt. Anders komt er {{collectionCosts}} incassokosten bij.',
    },
    'formal-notice-business': {
      subject: 'Aanmaning: factuur {{invoiceId}}',
      title: 'Aanmaning factuur {{invoiceId}}',
      paragraphs: [
        'Factuur {{invoiceId}} moest uiterlijk {{dueDate}} betaald zijn. Wij hebben uw betaling nog niet ontvangen. Het openstaande bedrag is nu {{amountDue}}.',
        'Bij een zakelijke vordering zijn vanaf de dag na de vervaldatum incassokosten en de wettelijke handelsrente verschuldigd. Daarom zitten in dit bedrag {{collectionCosts}} aan incassokosten en de handelsrente tot vandaag.',
        'Wij vragen u het bedrag uiterlijk {{deadline}} te betalen.',
      ],
      sms: '{{creditorName}}: factuur {{invoiceId}} is niet betaald. Te betalen: {{amountDue}}, met {{collectionCosts}} incassokosten en handelsrente. Betaal uiterlijk {{deadline}}: {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, factuur {{invoiceId}} van {{creditorName}} is nog niet betaald. Het openstaande bedrag is nu {{amountDue}}. Daarin zitten {{collectionCosts}} aan incassokosten en de wettelijke handelsrente.\n\nBetaal uiterlijk {{deadline}}.\n\nDirect betalen:\n{{payUrl}}\n\nAlvast bedankt.',
      app: 'Betaal {{amountDue}} uiterlijk {{deadline}}. Hierin zitten {{collectionCosts}} incassokosten en handelsrente.',
    },
    'formal-notice-no-costs': {
      subject: 'Aanmaning: betaal factuur {{invoiceId}}',
      title: 'Aanmaning factuur {{invoiceId}}',
      paragraphs: [
        'Wij hebben u al eerder gevraagd om factuur {{invoiceId}} te betalen. Het openstaande bedrag is {{amountDue}}. Dit bedrag hebben wij nog niet ontvangen.',
        'Wij vragen u het bedrag uiterlijk {{deadline}} te betalen.',
      ],
      sms: '{{creditorName}}: factuur {{invoiceId}} ({{amountDue}}) is niet betaald. Betaal uiterlijk {{deadline}} via {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, factuur {{invoiceId}} van {{creditorName}} is nog niet betaald. Het bedrag is {{amountDue}}.\n\nWilt u dit uiterlijk {{deadline}} betalen?\n\nDirect betalen:\n{{payUrl}}\n\nEen regeling nodig? Kijk op:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Factuur {{invoiceId}} is nog niet betaald. Betaal {{amountDue}} uiterlijk {{deadline}}.',
    },
    'payment-plan-offer': {
      subject: 'Betaal factuur {{invoiceId}} in delen',
      title: 'Betalen in delen',
      paragraphs: [
        'Factuur {{invoiceId}} van {{amountDue}} is nog niet betaald. Misschien is dit bedrag nu te hoog om in één keer te betalen. Daarom bieden wij u een betalingsregeling aan.',
        {
          if: 'planInstalments',
          text: 'U kunt bijvoorbeeld betalen in {{planInstalments}} maandelijkse termijnen van {{planInstalmentAmount}}.',
        },
        'Kies zelf een regeling die bij u past via {{selfServiceUrl}}',
        'Liever in één keer betalen? Dat kan natuurlijk ook.',
      ],
      sms: '{{creditorName}}: kunt u factuur {{invoiceId}} ({{amountDue}}) niet in 1 keer betalen? Kies een betalingsregeling via {{selfServiceUrl}}',
      whatsapp:
        'Beste {{debtorName}}, factuur {{invoiceId}} van {{creditorName}} is nog niet betaald. Het bedrag is {{amountDue}}. Lukt het niet om dit in één keer te betalen? Dan kunt u een betalingsregeling kiezen.\n\nKies uw regeling:\n{{selfServiceUrl}}\n\nLiever in één keer betalen? Dat kan hier:\n{{payUrl}}\n\nAlvast bedankt.',
      app: 'Factuur {{invoiceId}} van {{amountDue}} in delen betalen? Kies zelf een betalingsregeling.',
    },
    'final-notice': {
      subject: 'Laatste herinnering: factuur {{invoiceId}}',
      title: 'Laatste herinnering factuur {{invoiceId}}',
      paragraphs: [
        'Ondanks onze eerdere berichten is factuur {{invoiceId}} nog niet betaald. Het openstaande bedrag is {{amountDue}}.',
        'Dit is onze laatste herinnering. Betaal het bedrag uiterlijk {{deadline}}.',
        {
          if: 'collectionAgency',
          text: 'Betaalt u niet uiterlijk {{deadline}}? Dan dragen wij de vordering over aan {{collectionAgency}}.',
        },
        {
          // No agency configured: say what really happens, and threaten nothing that will not follow.
          unless: 'collectionAgency',
          text: 'Betaalt u niet uiterlijk {{deadline}}? Dan sturen wij u geen herinneringen meer. De factuur blijft openstaan. {{creditorName}} beslist dan zelf over een volgende stap.',
        },
      ],
      sms: '{{creditorName}}: laatste herinnering voor factuur {{invoiceId}} ({{amountDue}}). Betaal uiterlijk {{deadline}} via {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, dit is de laatste herinnering voor factuur {{invoiceId}} van {{creditorName}}. Het bedrag is {{amountDue}}. Betaal dit uiterlijk {{deadline}}.\n\nDirect betalen:\n{{payUrl}}\n\nEen regeling nodig? Kijk op:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Laatste herinnering: betaal {{amountDue}} uiterlijk {{deadline}}.',
    },
    'instalment-due': {
      subject: 'Termijn {{instalmentNumber}} van {{instalmentCount}}: {{instalmentAmount}}',
      title: 'Uw volgende termijn',
      paragraphs: [
        'Binnenkort betaalt u de volgende termijn van uw betalingsregeling voor factuur {{invoiceId}}.',
        'Termijn {{instalmentNumber}} van {{instalmentCount}} is {{instalmentAmount}}. Wilt u dit bedrag uiterlijk {{instalmentDueDate}} betalen?',
      ],
      sms: '{{creditorName}}: termijn {{instalmentNumber}} van {{instalmentCount}} ({{instalmentAmount}}) betaalt u uiterlijk {{instalmentDueDate}}. {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, binnenkort betaalt u termijn {{instalmentNumber}} van {{instalmentCount}} voor factuur {{invoiceId}} van {{creditorName}}. Het bedrag is {{instalmentAmount}}, uiterlijk {{instalmentDueDate}}.\n\nDirect betalen:\n{{payUrl}}\n\nAlvast bedankt.',
      app: 'Termijn {{instalmentNumber}} van {{instalmentCount}}: betaal {{instalmentAmount}} uiterlijk {{instalmentDueDate}}.',
    },
    'instalment-missed': {
      subject: 'Termijn {{instalmentNumber}} is nog niet betaald',
      title: 'Termijn {{instalmentNumber}} nog niet ontvangen',
      paragraphs: [
        'Wij hebben termijn {{instalmentNumber}} van {{instalmentCount}} van uw betalingsregeling voor factuur {{invoiceId}} nog niet ontvangen. Het gaat om {{instalmentAmount}}. Deze termijn moest uiterlijk {{instalmentDueDate}} betaald zijn.',
        'Wilt u de termijn nu betalen? Dan loopt uw regeling gewoon door.',
        'Is uw inkomen minder geworden? Dan kunt u via {{selfServiceUrl}} een lager bedrag per termijn aanvragen.',
      ],
      sms: '{{creditorName}}: termijn {{instalmentNumber}} ({{instalmentAmount}}) is nog niet betaald. Betaal nu via {{payUrl}} of vraag een lager bedrag aan: {{selfServiceUrl}}',
      whatsapp:
        'Beste {{debtorName}}, wij hebben termijn {{instalmentNumber}} van {{instalmentCount}} voor factuur {{invoiceId}} van {{creditorName}} nog niet ontvangen. Het bedrag is {{instalmentAmount}}.\n\nDirect betalen:\n{{payUrl}}\n\nIs uw inkomen minder geworden? Vraag een lager bedrag per termijn aan:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Termijn {{instalmentNumber}} ({{instalmentAmount}}) is nog niet betaald. Wilt u deze nu betalen?',
    },
    'contact-update-request': {
      subject: 'Kloppen uw contactgegevens nog?',
      title: 'Kloppen uw contactgegevens nog?',
      paragraphs: [
        'Wij konden u een bericht over factuur {{invoiceId}} niet goed bezorgen. Misschien is uw e-mailadres of telefoonnummer veranderd.',
        'Wilt u uw gegevens controleren? Dan kunnen wij u voortaan goed bereiken. Dat kan via {{selfServiceUrl}}',
        'Voor factuur {{invoiceId}} staat nog {{amountDue}} open.',
      ],
      sms: '{{creditorName}}: wij konden u niet bereiken over factuur {{invoiceId}}. Controleer uw e-mailadres en telefoonnummer via {{selfServiceUrl}}',
      whatsapp:
        'Beste {{debtorName}}, wij konden u een bericht over factuur {{invoiceId}} van {{creditorName}} niet goed bezorgen. Wilt u uw e-mailadres en telefoonnummer controleren?\n\nGegevens controleren:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'Wij konden u niet goed bereiken. Wilt u uw e-mailadres en telefoonnummer controleren?',
    },
    'plan-confirmation': {
      subject: 'Uw betalingsregeling voor factuur {{invoiceId}}',
      title: 'Uw betalingsregeling',
      paragraphs: [
        'Bedankt voor het afspreken van een betalingsregeling voor factuur {{invoiceId}}.',
        'U betaalt {{planInstalments}} termijnen van {{planInstalmentAmount}}. De eerste termijn betaalt u uiterlijk {{planFirstDueDate}}.',
        'Voor elke termijn sturen wij u op tijd een bericht met een betaallink.',
      ],
      sms: '{{creditorName}}: uw regeling staat vast. {{planInstalments}} termijnen van {{planInstalmentAmount}}, de eerste uiterlijk {{planFirstDueDate}}. {{selfServiceUrl}}',
      whatsapp:
        'Beste {{debtorName}}, bedankt! Uw betalingsregeling voor factuur {{invoiceId}} van {{creditorName}} staat vast. U betaalt {{planInstalments}} termijnen van {{planInstalmentAmount}}. De eerste termijn betaalt u uiterlijk {{planFirstDueDate}}.\n\nUw regeling bekijken:\n{{selfServiceUrl}}\n\nVoor elke termijn krijgt u van ons een bericht.',
      app: 'Uw regeling staat vast: {{planInstalments}} termijnen van {{planInstalmentAmount}}, de eerste uiterlijk {{planFirstDueDate}}.',
    },
    'direct-debit-notice': {
      subject: 'Incasso van {{collectionAmount}} op {{collectionDate}}',
      title: 'Uw volgende incasso',
      paragraphs: [
        'Op {{collectionDate}} schrijven wij {{collectionAmount}} af van uw rekening voor factuur {{invoiceId}}. Dat doen wij met de machtiging die u aan {{creditorName}} heeft gegeven.',
        'Kenmerk machtiging: {{mandateReference}}. Incassant-ID: {{creditorId}}.',
        'Wilt u zorgen dat er genoeg geld op uw rekening staat? Dan gaat de incasso goed.',
        'Liever nu zelf betalen? Dat kan ook. Dan schrijven wij niets af.',
        'Wilt u de incasso stoppen of een andere dag kiezen? Dat kan via {{selfServiceUrl}}',
        'Bent u het niet eens met een afschrijving? Dan kunt u deze binnen 8 weken via uw bank laten terugboeken.',
      ],
      sms: '{{creditorName}}: op {{collectionDate}} schrijven wij {{collectionAmount}} af voor factuur {{invoiceId}}. Machtiging {{mandateReference}}, Incassant-ID {{creditorId}}. Stoppen of wijzigen: {{selfServiceUrl}}',
      whatsapp:
        'Beste {{debtorName}}, op {{collectionDate}} schrijven wij {{collectionAmount}} af van uw rekening voor factuur {{invoiceId}}. Dat doen wij met de machtiging die u aan {{creditorName}} heeft gegeven (kenmerk {{mandateReference}}, Incassant-ID {{creditorId}}). Wilt u zorgen dat er genoeg geld op uw rekening staat?\n\nLiever nu zelf betalen? Dan schrijven wij niets af:\n{{payUrl}}\n\nIncasso stoppen of een andere dag kiezen:\n{{selfServiceUrl}}\n\nNiet eens met een afschrijving? Dan kunt u deze binnen 8 weken via uw bank laten terugboeken.',
      app: 'Op {{collectionDate}} schrijven wij {{collectionAmount}} af van uw rekening (machtiging {{mandateReference}}, Incassant-ID {{creditorId}}). Wilt u zorgen dat er genoeg geld op staat?',
    },
    'direct-debit-failed': {
      subject: 'Incasso van {{collectionAmount}} is niet gelukt',
      title: 'Incasso niet gelukt',
      paragraphs: [
        'Wij konden {{collectionAmount}} voor factuur {{invoiceId}} niet van uw rekening afschrijven. Misschien stond er niet genoeg geld op uw rekening.',
        'Op {{collectionDate}} proberen wij het nog één keer. Wilt u zorgen dat er dan genoeg geld op uw rekening staat?',
        'Kenmerk machtiging: {{mandateReference}}. Incassant-ID: {{creditorId}}.',
        'Liever nu zelf betalen? Dat kan ook. Dan schrijven wij niets meer af.',
        'Is dit bedrag nu te hoog? Kijk dan via {{selfServiceUrl}} welke regeling bij u past.',
      ],
      sms: '{{creditorName}}: de incasso van {{collectionAmount}} voor factuur {{invoiceId}} is niet gelukt. Op {{collectionDate}} proberen wij het nog 1 keer (machtiging {{mandateReference}}, Incassant-ID {{creditorId}}). {{payUrl}}',
      whatsapp:
        'Beste {{debtorName}}, de incasso van {{collectionAmount}} voor factuur {{invoiceId}} van {{creditorName}} is niet gelukt. Misschien stond er niet genoeg geld op uw rekening.\n\nOp {{collectionDate}} proberen wij het nog één keer, met machtiging {{mandateReference}} (Incassant-ID {{creditorId}}). Wilt u zorgen dat er dan genoeg geld op uw rekening staat?\n\nLiever nu zelf betalen? Dan schrijven wij niets meer af:\n{{payUrl}}\n\nIs dit bedrag nu te hoog? Kies een regeling:\n{{selfServiceUrl}}\n\nAlvast bedankt.',
      app: 'De incasso van {{collectionAmount}} is niet gelukt. Op {{collectionDate}} proberen wij het nog één keer (machtiging {{mandateReference}}, Incassant-ID {{creditorId}}).',
    },
  },
};
