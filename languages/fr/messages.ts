// French texts, B1 level: short sentences, common words, "vous". Same tone and legal content as the
// Dutch texts: the consumer formal notice keeps the 14-days-after-receipt wording of art. 6:96 lid 6 BW.
import type { MessageTexts } from '../../activities/templates/text-schema.js';

export const messages: MessageTexts = {
  thisMessage: {
    email: 'cet e-mail',
    sms: 'ce message',
    whatsapp: 'ce message',
    letter: 'cette lettre',
    app: 'ce message',
  },
  greeting: 'Bonjour {{debtorName}},',
  greetingWords: ['Bonjour', 'Madame', 'Monsieur', 'Cher', 'Chère', 'Chers'],
  closing: 'Cordialement,',
  payNow: 'Payer maintenant',
  selfService:
    'Vous ne pouvez pas tout payer maintenant, ou quelque chose n’est pas correct ? Choisissez un plan de paiement, indiquez une date de paiement ou posez votre question sur {{selfServiceUrl}}',
  amounts: {
    principal: 'Montant de la facture',
    costs: 'Frais',
    interest: 'Intérêts',
    paid: 'Déjà payé',
    amountDue: 'Reste à payer',
    instalment: 'Échéance {number} sur {of}',
  },
  vat: {
    included: 'Ce montant comprend {amount} de TVA.',
    none: 'Nous ne facturons pas de TVA sur ces frais.',
  },
  templates: {
    'payment-request': {
      subject: 'Demande de paiement pour la facture {{invoiceId}}',
      title: 'Demande de paiement facture {{invoiceId}}',
      paragraphs: [
        'Vous pouvez maintenant payer la facture {{invoiceId}} en ligne, simplement. Le montant est de {{amountDue}}. Merci de payer au plus tard le {{dueDate}}.',
        { if: 'description', text: 'Il s’agit de : {{description}}.' },
      ],
      sms: '{{creditorName}} : merci de payer la facture {{invoiceId}} de {{amountDue}} au plus tard le {{dueDate}} sur {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, voici la demande de paiement pour la facture {{invoiceId}} de {{creditorName}}. Le montant est de {{amountDue}}. Merci de payer au plus tard le {{dueDate}}.\n\nPayer maintenant :\n{{payUrl}}\n\nDes questions ou besoin d’un plan de paiement ?\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'Merci de payer {{amountDue}} au plus tard le {{dueDate}}. Vous pouvez payer tout de suite dans l’application.',
    },
    'payment-request-past-due': {
      subject: 'Demande de paiement pour la facture {{invoiceId}}',
      title: 'Demande de paiement facture {{invoiceId}}',
      paragraphs: [
        'Vous pouvez maintenant payer la facture {{invoiceId}} en ligne, simplement. Le montant est de {{amountDue}}. La facture était à payer le {{dueDate}}. Nous vous donnons donc un nouveau délai : merci de payer au plus tard le {{deadline}}.',
        { if: 'description', text: 'Il s’agit de : {{description}}.' },
      ],
      sms: '{{creditorName}} : merci de payer la facture {{invoiceId}} de {{amountDue}} au plus tard le {{deadline}} sur {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, voici la demande de paiement pour la facture {{invoiceId}} de {{creditorName}}. Le montant est de {{amountDue}}. La facture était à payer le {{dueDate}}. Merci de payer au plus tard le {{deadline}}.\n\nPayer maintenant :\n{{payUrl}}\n\nDes questions ou besoin d’un plan de paiement ?\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'Merci de payer {{amountDue}} au plus tard le {{deadline}}. Vous pouvez payer tout de suite dans l’application.',
    },
    'reminder-1': {
      subject: 'Rappel : la facture {{invoiceId}} est toujours ouverte',
      title: 'Rappel facture {{invoiceId}}',
      paragraphs: [
        'Vous l’avez peut-être oublié : la facture {{invoiceId}} de {{amountDue}} était à payer le {{dueDate}}. Nous n’avons pas encore reçu votre paiement.',
        'Voulez-vous payer le montant maintenant ? C’est rapide et sûr en ligne.',
        'Vous venez de payer ? Alors ce rappel n’est plus utile.',
      ],
      sms: '{{creditorName}} : la facture {{invoiceId}} de {{amountDue}} est toujours ouverte. Voulez-vous la payer maintenant ? {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, vous l’avez peut-être oublié : la facture {{invoiceId}} de {{creditorName}} est toujours ouverte. Le montant est de {{amountDue}}.\n\nPayer maintenant :\n{{payUrl}}\n\nVous venez de payer ? Alors ce rappel n’est plus utile.',
      app: 'La facture {{invoiceId}} de {{amountDue}} est toujours ouverte. Voulez-vous la payer maintenant ?',
    },
    'reminder-2': {
      subject: 'Deuxième rappel : facture {{invoiceId}}',
      title: 'Deuxième rappel facture {{invoiceId}}',
      paragraphs: [
        'Nous vous avons déjà envoyé un rappel, mais la facture {{invoiceId}} n’est toujours pas payée. Le délai de paiement a pris fin le {{dueDate}}. Le montant restant est de {{amountDue}}.',
        'Nous vous demandons de payer le montant maintenant.',
        'Vous ne pouvez pas tout payer en une fois ? Contactez-nous. Ensemble, nous trouverons une solution.',
      ],
      sms: '{{creditorName}} : la facture {{invoiceId}} de {{amountDue}} n’est toujours pas payée. Payez sur {{payUrl}} ou choisissez un plan : {{selfServiceUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, la facture {{invoiceId}} de {{creditorName}} n’est toujours pas payée. Le montant est de {{amountDue}}. Nous vous demandons de la payer maintenant.\n\nPayer maintenant :\n{{payUrl}}\n\nImpossible de tout payer en une fois ? Choisissez un plan de paiement :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'La facture {{invoiceId}} de {{amountDue}} n’est toujours pas payée. Voulez-vous régler cela maintenant ?',
    },
    'formal-notice-consumer': {
      subject: 'Mise en demeure : payez la facture {{invoiceId}} dans les 14 jours',
      title: 'Mise en demeure facture {{invoiceId}}',
      paragraphs: [
        'Nous vous avons déjà demandé de payer la facture {{invoiceId}}. Le montant restant est de {{amountDue}}. Nous n’avons pas encore reçu ce montant.',
        'Merci de payer le montant dans les 14 jours qui suivent le jour où vous recevez {{thisMessage}}. Vous ne payez alors aucuns frais en plus.',
        'Vous ne payez pas dans ces 14 jours ? Alors nous vous facturons {{collectionCosts}} de frais de recouvrement. {{collectionCostsVatNote}}',
      ],
      sms: '{{creditorName}} : la facture {{invoiceId}} ({{amountDue}}) n’est pas payée. Payez dans les 14 jours qui suivent le jour où vous recevez ce message, sinon {{collectionCosts}} de frais s’ajoutent. {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, la facture {{invoiceId}} de {{creditorName}} n’est pas encore payée. Le montant est de {{amountDue}}.\n\nMerci de payer dans les 14 jours qui suivent le jour où vous recevez ce message. Vous ne payez pas dans ces 14 jours ? Alors nous vous facturons {{collectionCosts}} de frais de recouvrement. {{collectionCostsVatNote}}\n\nPayer maintenant :\n{{payUrl}}\n\nBesoin d’un plan de paiement ? Allez sur :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'Merci de payer {{amountDue}} dans les 14 jours qui suivent le jour où vous recevez ce message. Sinon, {{collectionCosts}} de frais de recouvrement s’ajoutent.',
    },
    'formal-notice-business': {
      subject: 'Mise en demeure : facture {{invoiceId}}',
      title: 'Mise en demeure facture {{invoiceId}}',
      paragraphs: [
        'La facture {{invoiceId}} était à payer le {{dueDate}}. Nous n’avons pas encore reçu votre paiement. Le montant restant est maintenant de {{amountDue}}.',
        'Pour une créance sur une entreprise, les frais de recouvrement et les intérêts commerciaux légaux sont dus dès le lendemain de la date d’échéance. Ce montant comprend donc {{collectionCosts}} de frais de recouvrement et les intérêts commerciaux jusqu’à aujourd’hui.',
        'Merci de payer le montant au plus tard le {{deadline}}.',
      ],
      sms: '{{creditorName}} : la facture {{invoiceId}} n’est pas payée. À payer : {{amountDue}}, dont {{collectionCosts}} de frais et des intérêts commerciaux. Payez au plus tard le {{deadline}} : {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, la facture {{invoiceId}} de {{creditorName}} n’est pas encore payée. Le montant restant est maintenant de {{amountDue}}. Il comprend {{collectionCosts}} de frais de recouvrement et les intérêts commerciaux légaux.\n\nMerci de payer au plus tard le {{deadline}}.\n\nPayer maintenant :\n{{payUrl}}\n\nMerci d’avance.',
      app: 'Merci de payer {{amountDue}} au plus tard le {{deadline}}. Ce montant comprend {{collectionCosts}} de frais de recouvrement et des intérêts commerciaux.',
    },
    'formal-notice-no-costs': {
      subject: 'Mise en demeure : payez la facture {{invoiceId}}',
      title: 'Mise en demeure facture {{invoiceId}}',
      paragraphs: [
        'Nous vous avons déjà demandé de payer la facture {{invoiceId}}. Le montant restant est de {{amountDue}}. Nous n’avons pas encore reçu ce montant.',
        'Merci de payer le montant au plus tard le {{deadline}}.',
      ],
      sms: '{{creditorName}} : la facture {{invoiceId}} ({{amountDue}}) n’est pas payée. Merci de payer au plus tard le {{deadline}} sur {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, la facture {{invoiceId}} de {{creditorName}} n’est pas encore payée. Le montant est de {{amountDue}}.\n\nMerci de payer au plus tard le {{deadline}}.\n\nPayer maintenant :\n{{payUrl}}\n\nBesoin d’un plan de paiement ? Allez sur :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'La facture {{invoiceId}} n’est pas encore payée. Merci de payer {{amountDue}} au plus tard le {{deadline}}.',
    },
    'payment-plan-offer': {
      subject: 'Payer la facture {{invoiceId}} en plusieurs fois',
      title: 'Payer en plusieurs fois',
      paragraphs: [
        'La facture {{invoiceId}} de {{amountDue}} n’est pas encore payée. Ce montant est peut-être trop élevé pour le payer en une fois. C’est pourquoi nous vous proposons un plan de paiement.',
        {
          if: 'planInstalments',
          text: 'Vous pouvez par exemple payer en {{planInstalments}} échéances mensuelles de {{planInstalmentAmount}}.',
        },
        'Choisissez vous-même un plan qui vous convient sur {{selfServiceUrl}}',
        'Vous préférez payer en une fois ? C’est bien sûr possible aussi.',
      ],
      sms: '{{creditorName}} : vous ne pouvez pas payer la facture {{invoiceId}} ({{amountDue}}) en une fois ? Choisissez un plan de paiement sur {{selfServiceUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, la facture {{invoiceId}} de {{creditorName}} n’est pas encore payée. Le montant est de {{amountDue}}. Impossible de tout payer en une fois ? Vous pouvez choisir un plan de paiement.\n\nChoisir votre plan :\n{{selfServiceUrl}}\n\nVous préférez payer en une fois ? C’est possible ici :\n{{payUrl}}\n\nMerci d’avance.',
      app: 'Payer la facture {{invoiceId}} de {{amountDue}} en plusieurs fois ? Choisissez vous-même un plan de paiement.',
    },
    'final-notice': {
      subject: 'Dernier rappel : facture {{invoiceId}}',
      title: 'Dernier rappel facture {{invoiceId}}',
      paragraphs: [
        'Malgré nos messages précédents, la facture {{invoiceId}} n’est pas encore payée. Le montant restant est de {{amountDue}}.',
        'Ceci est notre dernier rappel. Merci de payer le montant au plus tard le {{deadline}}.',
        {
          if: 'collectionAgency',
          text: 'Vous ne payez pas au plus tard le {{deadline}} ? Alors nous transmettons la créance à {{collectionAgency}}.',
        },
        {
          // No agency configured: say what really happens, and threaten nothing that will not follow.
          unless: 'collectionAgency',
          text: 'Vous ne payez pas au plus tard le {{deadline}} ? Alors nous ne vous envoyons plus de rappels. La facture reste due. {{creditorName}} décidera alors elle-même de la suite.',
        },
      ],
      sms: '{{creditorName}} : dernier rappel pour la facture {{invoiceId}} ({{amountDue}}). Merci de payer au plus tard le {{deadline}} sur {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, ceci est le dernier rappel pour la facture {{invoiceId}} de {{creditorName}}. Le montant est de {{amountDue}}. Merci de payer au plus tard le {{deadline}}.\n\nPayer maintenant :\n{{payUrl}}\n\nBesoin d’un plan de paiement ? Allez sur :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'Dernier rappel : merci de payer {{amountDue}} au plus tard le {{deadline}}.',
    },
    'instalment-due': {
      subject: 'Échéance {{instalmentNumber}} sur {{instalmentCount}} : {{instalmentAmount}}',
      title: 'Votre prochaine échéance',
      paragraphs: [
        'Vous allez bientôt payer la prochaine échéance de votre plan de paiement pour la facture {{invoiceId}}.',
        'L’échéance {{instalmentNumber}} sur {{instalmentCount}} est de {{instalmentAmount}}. Merci de payer ce montant au plus tard le {{instalmentDueDate}}.',
      ],
      sms: '{{creditorName}} : échéance {{instalmentNumber}} sur {{instalmentCount}} ({{instalmentAmount}}) à payer au plus tard le {{instalmentDueDate}}. {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, vous allez bientôt payer l’échéance {{instalmentNumber}} sur {{instalmentCount}} pour la facture {{invoiceId}} de {{creditorName}}. Le montant est de {{instalmentAmount}}, au plus tard le {{instalmentDueDate}}.\n\nPayer maintenant :\n{{payUrl}}\n\nMerci d’avance.',
      app: 'Échéance {{instalmentNumber}} sur {{instalmentCount}} : merci de payer {{instalmentAmount}} au plus tard le {{instalmentDueDate}}.',
    },
    'instalment-missed': {
      subject: 'L’échéance {{instalmentNumber}} n’est pas encore payée',
      title: 'Échéance {{instalmentNumber}} non reçue',
      paragraphs: [
        'Nous n’avons pas encore reçu l’échéance {{instalmentNumber}} sur {{instalmentCount}} de votre plan de paiement pour la facture {{invoiceId}}. Il s’agit de {{instalmentAmount}}. Cette échéance était à payer le {{instalmentDueDate}}.',
        'Voulez-vous payer l’échéance maintenant ? Alors votre plan continue normalement.',
        'Vos revenus ont baissé ? Alors vous pouvez demander un montant plus bas par échéance sur {{selfServiceUrl}}',
      ],
      sms: '{{creditorName}} : l’échéance {{instalmentNumber}} ({{instalmentAmount}}) n’est pas payée. Payez sur {{payUrl}} ou demandez un montant plus bas : {{selfServiceUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, nous n’avons pas encore reçu l’échéance {{instalmentNumber}} sur {{instalmentCount}} pour la facture {{invoiceId}} de {{creditorName}}. Le montant est de {{instalmentAmount}}.\n\nPayer maintenant :\n{{payUrl}}\n\nVos revenus ont baissé ? Demandez un montant plus bas par échéance :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'L’échéance {{instalmentNumber}} ({{instalmentAmount}}) n’est pas encore payée. Voulez-vous la payer maintenant ?',
    },
    'contact-update-request': {
      subject: 'Vos coordonnées sont-elles toujours correctes ?',
      title: 'Vos coordonnées sont-elles toujours correctes ?',
      paragraphs: [
        'Nous n’avons pas pu vous remettre un message sur la facture {{invoiceId}}. Votre adresse e-mail ou votre numéro de téléphone a peut-être changé.',
        'Voulez-vous vérifier vos coordonnées ? Ainsi, nous pourrons bien vous joindre à l’avenir. C’est possible sur {{selfServiceUrl}}',
        'Pour la facture {{invoiceId}}, il reste {{amountDue}} à payer.',
      ],
      sms: '{{creditorName}} : nous n’avons pas pu vous joindre au sujet de la facture {{invoiceId}}. Vérifiez votre e-mail et votre numéro de téléphone sur {{selfServiceUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, nous n’avons pas pu vous remettre un message sur la facture {{invoiceId}} de {{creditorName}}. Voulez-vous vérifier votre adresse e-mail et votre numéro de téléphone ?\n\nVérifier vos coordonnées :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'Nous n’avons pas pu bien vous joindre. Voulez-vous vérifier votre adresse e-mail et votre numéro de téléphone ?',
    },
    'plan-confirmation': {
      subject: 'Votre plan de paiement pour la facture {{invoiceId}}',
      title: 'Votre plan de paiement',
      paragraphs: [
        'Merci d’avoir convenu d’un plan de paiement pour la facture {{invoiceId}}.',
        'Vous payez {{planInstalments}} échéances de {{planInstalmentAmount}}. Vous payez la première échéance au plus tard le {{planFirstDueDate}}.',
        'Avant chaque échéance, nous vous envoyons à temps un message avec un lien de paiement.',
      ],
      sms: '{{creditorName}} : votre plan est convenu. {{planInstalments}} échéances de {{planInstalmentAmount}}, la première au plus tard le {{planFirstDueDate}}. {{selfServiceUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, merci ! Votre plan de paiement pour la facture {{invoiceId}} de {{creditorName}} est convenu. Vous payez {{planInstalments}} échéances de {{planInstalmentAmount}}. Vous payez la première échéance au plus tard le {{planFirstDueDate}}.\n\nVoir votre plan :\n{{selfServiceUrl}}\n\nAvant chaque échéance, vous recevez un message de notre part.',
      app: 'Votre plan est convenu : {{planInstalments}} échéances de {{planInstalmentAmount}}, la première au plus tard le {{planFirstDueDate}}.',
    },
    'direct-debit-notice': {
      subject: 'Prélèvement de {{collectionAmount}} le {{collectionDate}}',
      title: 'Votre prochain prélèvement',
      paragraphs: [
        'Le {{collectionDate}}, nous prélevons {{collectionAmount}} sur votre compte pour la facture {{invoiceId}}. Nous utilisons pour cela le mandat que vous avez donné à {{creditorName}}.',
        'Référence du mandat : {{mandateReference}}. Identifiant créancier : {{creditorId}}.',
        'Merci de vérifier qu’il y a assez d’argent sur votre compte. Ainsi, le prélèvement se passe bien.',
        'Vous préférez payer vous-même maintenant ? C’est possible aussi. Alors nous ne prélevons rien.',
        'Vous voulez arrêter le prélèvement ou choisir un autre jour ? C’est possible sur {{selfServiceUrl}}',
        'Vous n’êtes pas d’accord avec un prélèvement ? Alors vous pouvez le faire rembourser par votre banque dans les 8 semaines.',
      ],
      sms: '{{creditorName}} : le {{collectionDate}}, nous prélevons {{collectionAmount}} pour la facture {{invoiceId}}. Mandat {{mandateReference}}, ID créancier {{creditorId}}. Arrêter ou changer : {{selfServiceUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, le {{collectionDate}}, nous prélevons {{collectionAmount}} sur votre compte pour la facture {{invoiceId}}. Nous utilisons pour cela le mandat que vous avez donné à {{creditorName}} (référence {{mandateReference}}, identifiant créancier {{creditorId}}). Merci de vérifier qu’il y a assez d’argent sur votre compte.\n\nVous préférez payer vous-même maintenant ? Alors nous ne prélevons rien :\n{{payUrl}}\n\nArrêter le prélèvement ou choisir un autre jour :\n{{selfServiceUrl}}\n\nPas d’accord avec un prélèvement ? Alors vous pouvez le faire rembourser par votre banque dans les 8 semaines.',
      app: 'Le {{collectionDate}}, nous prélevons {{collectionAmount}} sur votre compte (mandat {{mandateReference}}, ID créancier {{creditorId}}). Merci de vérifier qu’il y a assez d’argent.',
    },
    'direct-debit-failed': {
      subject: 'Le prélèvement de {{collectionAmount}} n’a pas réussi',
      title: 'Prélèvement non réussi',
      paragraphs: [
        'Nous n’avons pas pu prélever {{collectionAmount}} sur votre compte pour la facture {{invoiceId}}. Il n’y avait peut-être pas assez d’argent sur votre compte.',
        'Le {{collectionDate}}, nous essayons encore une fois. Merci de vérifier qu’il y aura alors assez d’argent sur votre compte.',
        'Référence du mandat : {{mandateReference}}. Identifiant créancier : {{creditorId}}.',
        'Vous préférez payer vous-même maintenant ? C’est possible aussi. Alors nous ne prélevons plus rien.',
        'Ce montant est trop élevé pour le moment ? Alors regardez sur {{selfServiceUrl}} quel plan vous convient.',
      ],
      sms: '{{creditorName}} : le prélèvement de {{collectionAmount}} pour la facture {{invoiceId}} n’a pas réussi. Le {{collectionDate}}, nous essayons encore 1 fois (mandat {{mandateReference}}, ID créancier {{creditorId}}). {{payUrl}}',
      whatsapp:
        'Bonjour {{debtorName}}, le prélèvement de {{collectionAmount}} pour la facture {{invoiceId}} de {{creditorName}} n’a pas réussi. Il n’y avait peut-être pas assez d’argent sur votre compte.\n\nLe {{collectionDate}}, nous essayons encore une fois, avec le mandat {{mandateReference}} (identifiant créancier {{creditorId}}). Merci de vérifier qu’il y aura alors assez d’argent sur votre compte.\n\nVous préférez payer vous-même maintenant ? Alors nous ne prélevons plus rien :\n{{payUrl}}\n\nCe montant est trop élevé pour le moment ? Choisissez un plan de paiement :\n{{selfServiceUrl}}\n\nMerci d’avance.',
      app: 'Le prélèvement de {{collectionAmount}} n’a pas réussi. Le {{collectionDate}}, nous essayons encore une fois (mandat {{mandateReference}}, ID créancier {{creditorId}}).',
    },
  },
};
