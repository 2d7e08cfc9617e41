// Polish texts, B1 level: short sentences, common words, the polite "Państwo" (no guess at gender).
// Same tone and legal content as the Dutch texts: the consumer formal notice keeps the
// 14-days-after-receipt wording of art. 6:96 lid 6 BW.
import type { MessageTexts } from '../../activities/templates/text-schema.js';

export const messages: MessageTexts = {
  thisMessage: {
    email: 'tego e-maila',
    sms: 'tej wiadomości',
    whatsapp: 'tej wiadomości',
    letter: 'tego listu',
    app: 'tej wiadomości',
  },
  greeting: 'Dzień dobry {{debtorName}},',
  greetingWords: ['Dzień dobry', 'Szanowni', 'Szanowny', 'Szanowna', 'Witam', 'Witamy'],
  closing: 'Z poważaniem,',
  payNow: 'Zapłać teraz',
  selfService:
    'Nie mogą Państwo zapłacić teraz całej kwoty albo coś się nie zgadza? Mogą Państwo wybrać plan spłaty, podać datę płatności lub zadać pytanie na stronie {{selfServiceUrl}}',
  amounts: {
    principal: 'Kwota faktury',
    costs: 'Koszty',
    interest: 'Odsetki',
    paid: 'Już zapłacono',
    amountDue: 'Do zapłaty',
    instalment: 'Rata {number} z {of}',
  },
  vat: { included: 'Ta kwota zawiera {amount} VAT.', none: 'Od tych kosztów nie naliczamy VAT.' },
  templates: {
    'payment-request': {
      subject: 'Prośba o zapłatę faktury {{invoiceId}}',
      title: 'Prośba o zapłatę faktury {{invoiceId}}',
      paragraphs: [
        'Fakturę {{invoiceId}} mogą Państwo teraz łatwo zapłacić online. Kwota do zapłaty to {{amountDue}}. Prosimy o zapłatę najpóźniej do {{dueDate}}.',
        { if: 'description', text: 'Dotyczy: {{description}}.' },
      ],
      sms: '{{creditorName}}: prosimy zapłacić fakturę {{invoiceId}} na kwotę {{amountDue}} najpóźniej do {{dueDate}}: {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, przesyłamy prośbę o zapłatę faktury {{invoiceId}} od {{creditorName}}. Kwota do zapłaty to {{amountDue}}. Prosimy o zapłatę najpóźniej do {{dueDate}}.\n\nZapłać teraz:\n{{payUrl}}\n\nPytania albo potrzebny plan spłaty?\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Prosimy zapłacić {{amountDue}} najpóźniej do {{dueDate}}. Można to zrobić od razu w aplikacji.',
    },
    'payment-request-past-due': {
      subject: 'Prośba o zapłatę faktury {{invoiceId}}',
      title: 'Prośba o zapłatę faktury {{invoiceId}}',
      paragraphs: [
        'Fakturę {{invoiceId}} mogą Państwo teraz łatwo zapłacić online. Kwota do zapłaty to {{amountDue}}. Termin płatności faktury minął {{dueDate}}. Dlatego dajemy Państwu nowy termin: prosimy o zapłatę najpóźniej do {{deadline}}.',
        { if: 'description', text: 'Dotyczy: {{description}}.' },
      ],
      sms: '{{creditorName}}: prosimy zapłacić fakturę {{invoiceId}} na kwotę {{amountDue}} najpóźniej do {{deadline}}: {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, przesyłamy prośbę o zapłatę faktury {{invoiceId}} od {{creditorName}}. Kwota do zapłaty to {{amountDue}}. Termin płatności minął {{dueDate}}. Prosimy o zapłatę najpóźniej do {{deadline}}.\n\nZapłać teraz:\n{{payUrl}}\n\nPytania albo potrzebny plan spłaty?\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Prosimy zapłacić {{amountDue}} najpóźniej do {{deadline}}. Można to zrobić od razu w aplikacji.',
    },
    'reminder-1': {
      subject: 'Przypomnienie: faktura {{invoiceId}} jest nadal niezapłacona',
      title: 'Przypomnienie o fakturze {{invoiceId}}',
      paragraphs: [
        'Być może umknęło to Państwa uwadze: termin płatności faktury {{invoiceId}} na kwotę {{amountDue}} minął {{dueDate}}. Nie otrzymaliśmy jeszcze Państwa płatności.',
        'Czy mogą Państwo zapłacić teraz? Można to zrobić szybko i bezpiecznie online.',
        'Jeśli zapłacili Państwo przed chwilą, to przypomnienie jest już nieaktualne.',
      ],
      sms: '{{creditorName}}: faktura {{invoiceId}} na kwotę {{amountDue}} jest nadal niezapłacona. Prosimy zapłacić teraz: {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, być może umknęło to Państwa uwadze: faktura {{invoiceId}} od {{creditorName}} jest nadal niezapłacona. Kwota do zapłaty to {{amountDue}}.\n\nZapłać teraz:\n{{payUrl}}\n\nJeśli zapłacili Państwo przed chwilą, to przypomnienie jest już nieaktualne.',
      app: 'Faktura {{invoiceId}} na kwotę {{amountDue}} jest nadal niezapłacona. Czy chcą Państwo zapłacić teraz?',
    },
    'reminder-2': {
      subject: 'Drugie przypomnienie: faktura {{invoiceId}}',
      title: 'Drugie przypomnienie o fakturze {{invoiceId}}',
      paragraphs: [
        'Wysłaliśmy już Państwu przypomnienie, ale faktura {{invoiceId}} nadal nie jest zapłacona. Termin płatności minął {{dueDate}}. Kwota do zapłaty to {{amountDue}}.',
        'Prosimy o zapłatę tej kwoty teraz.',
        'Nie mogą Państwo zapłacić wszystkiego naraz? Prosimy o kontakt. Razem znajdziemy rozwiązanie.',
      ],
      sms: '{{creditorName}}: faktura {{invoiceId}} na kwotę {{amountDue}} nadal nie jest zapłacona. Zapłać teraz: {{payUrl}} lub wybierz plan spłaty: {{selfServiceUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, faktura {{invoiceId}} od {{creditorName}} nadal nie jest zapłacona. Kwota do zapłaty to {{amountDue}}. Prosimy o zapłatę teraz.\n\nZapłać teraz:\n{{payUrl}}\n\nNie da się zapłacić wszystkiego naraz? Wybierz plan spłaty:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Faktura {{invoiceId}} na kwotę {{amountDue}} nadal nie jest zapłacona. Czy chcą Państwo to teraz załatwić?',
    },
    'formal-notice-consumer': {
      subject: 'Wezwanie do zapłaty: prosimy zapłacić fakturę {{invoiceId}} w ciągu 14 dni',
      title: 'Wezwanie do zapłaty faktury {{invoiceId}}',
      paragraphs: [
        'Już wcześniej prosiliśmy Państwa o zapłatę faktury {{invoiceId}}. Kwota do zapłaty to {{amountDue}}. Tej kwoty jeszcze nie otrzymaliśmy.',
        'Prosimy o zapłatę tej kwoty w ciągu 14 dni, licząc od dnia następującego po dniu otrzymania {{thisMessage}}. Wtedy nie zapłacą Państwo żadnych dodatkowych kosztów.',
        'Jeśli nie zapłacą Państwo w ciągu tych 14 dni, naliczymy {{collectionCosts}} kosztów windykacji. {{collectionCostsVatNote}}',
      ],
      sms: '{{creditorName}}: faktura {{invoiceId}} ({{amountDue}}) nie jest zapłacona. Zapłać w 14 dni od dnia po otrzymaniu tej wiadomości, inaczej doliczymy {{collectionCosts}} kosztów windykacji. {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, faktura {{invoiceId}} od {{creditorName}} nie jest jeszcze zapłacona. Kwota do zapłaty to {{amountDue}}.\n\nProsimy o zapłatę w ciągu 14 dni, licząc od dnia następującego po dniu otrzymania tej wiadomości. Jeśli nie zapłacą Państwo w ciągu tych 14 dni, naliczymy {{collectionCosts}} kosztów windykacji. {{collectionCostsVatNote}}\n\nZapłać teraz:\n{{payUrl}}\n\nPotrzebny plan spłaty? Zobacz:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Prosimy zapłacić {{amountDue}} w ciągu 14 dni, licząc od dnia po otrzymaniu tej wiadomości. Inaczej doliczymy {{collectionCosts}} kosztów windykacji.',
    },
    'formal-notice-business': {
      subject: 'Wezwanie do zapłaty: faktura {{invoiceId}}',
      title: 'Wezwanie do zapłaty faktury {{invoiceId}}',
      paragraphs: [
        'Termin płatności faktury {{invoiceId}} minął {{dueDate}}. Nie otrzymaliśmy jeszcze Państwa płatności. Kwota do zapłaty wynosi teraz {{amountDue}}.',
        'Przy należności od firmy koszty windykacji i ustawowe odsetki handlowe należą się od dnia po terminie płatności. Dlatego ta kwota zawiera {{collectionCosts}} kosztów windykacji oraz odsetki handlowe do dziś.',
        'Prosimy o zapłatę tej kwoty najpóźniej do {{deadline}}.',
      ],
      sms: '{{creditorName}}: faktura {{invoiceId}} nie jest zapłacona. Do zapłaty: {{amountDue}}, w tym {{collectionCosts}} kosztów windykacji i odsetki handlowe. Zapłać do {{deadline}}: {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, faktura {{invoiceId}} od {{creditorName}} nie jest jeszcze zapłacona. Kwota do zapłaty wynosi teraz {{amountDue}}. Zawiera ona {{collectionCosts}} kosztów windykacji i ustawowe odsetki handlowe.\n\nProsimy o zapłatę najpóźniej do {{deadline}}.\n\nZapłać teraz:\n{{payUrl}}\n\nDziękujemy.',
      app: 'Prosimy zapłacić {{amountDue}} najpóźniej do {{deadline}}. Kwota zawiera {{collectionCosts}} kosztów windykacji i odsetki handlowe.',
    },
    'formal-notice-no-costs': {
      subject: 'Wezwanie do zapłaty: prosimy zapłacić fakturę {{invoiceId}}',
      title: 'Wezwanie do zapłaty faktury {{invoiceId}}',
      paragraphs: [
        'Już wcześniej prosiliśmy Państwa o zapłatę faktury {{invoiceId}}. Kwota do zapłaty to {{amountDue}}. Tej kwoty jeszcze nie otrzymaliśmy.',
        'Prosimy o zapłatę tej kwoty najpóźniej do {{deadline}}.',
      ],
      sms: '{{creditorName}}: faktura {{invoiceId}} ({{amountDue}}) nie jest zapłacona. Prosimy zapłacić najpóźniej do {{deadline}}: {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, faktura {{invoiceId}} od {{creditorName}} nie jest jeszcze zapłacona. Kwota do zapłaty to {{amountDue}}.\n\nProsimy o zapłatę najpóźniej do {{deadline}}.\n\nZapłać teraz:\n{{payUrl}}\n\nPotrzebny plan spłaty? Zobacz:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Faktura {{invoiceId}} nie jest jeszcze zapłacona. Prosimy zapłacić {{amountDue}} najpóźniej do {{deadline}}.',
    },
    'payment-plan-offer': {
      subject: 'Zapłać fakturę {{invoiceId}} w ratach',
      title: 'Płatność w ratach',
      paragraphs: [
        'Faktura {{invoiceId}} na kwotę {{amountDue}} nie jest jeszcze zapłacona. Może ta kwota jest teraz za wysoka, aby zapłacić ją naraz. Dlatego proponujemy Państwu plan spłaty.',
        {
          if: 'planInstalments',
          text: 'Mogą Państwo na przykład zapłacić w {{planInstalments}} miesięcznych ratach po {{planInstalmentAmount}}.',
        },
        'Plan spłaty, który Państwu pasuje, można wybrać na stronie {{selfServiceUrl}}',
        'Wolą Państwo zapłacić wszystko naraz? To oczywiście też jest możliwe.',
      ],
      sms: '{{creditorName}}: nie mogą Państwo zapłacić faktury {{invoiceId}} ({{amountDue}}) naraz? Wybierz plan spłaty: {{selfServiceUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, faktura {{invoiceId}} od {{creditorName}} nie jest jeszcze zapłacona. Kwota do zapłaty to {{amountDue}}. Nie da się zapłacić wszystkiego naraz? Mogą Państwo wybrać plan spłaty.\n\nWybierz plan:\n{{selfServiceUrl}}\n\nWolą Państwo zapłacić naraz? Można tutaj:\n{{payUrl}}\n\nDziękujemy.',
      app: 'Zapłacić fakturę {{invoiceId}} na kwotę {{amountDue}} w ratach? Wybierz swój plan spłaty.',
    },
    'final-notice': {
      subject: 'Ostatnie przypomnienie: faktura {{invoiceId}}',
      title: 'Ostatnie przypomnienie o fakturze {{invoiceId}}',
      paragraphs: [
        'Mimo naszych wcześniejszych wiadomości faktura {{invoiceId}} nie jest jeszcze zapłacona. Kwota do zapłaty to {{amountDue}}.',
        'To jest nasze ostatnie przypomnienie. Prosimy o zapłatę najpóźniej do {{deadline}}.',
        {
          if: 'collectionAgency',
          text: 'Jeśli nie zapłacą Państwo najpóźniej do {{deadline}}, przekażemy należność firmie {{collectionAgency}}.',
        },
        {
          // No agency configured: say what really happens, and threaten nothing that will not follow.
          unless: 'collectionAgency',
          text: 'Jeśli nie zapłacą Państwo najpóźniej do {{deadline}}, nie wyślemy już więcej przypomnień. Faktura pozostaje do zapłaty. {{creditorName}} sama zdecyduje wtedy o kolejnym kroku.',
        },
      ],
      sms: '{{creditorName}}: ostatnie przypomnienie o fakturze {{invoiceId}} ({{amountDue}}). Prosimy zapłacić najpóźniej do {{deadline}}: {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, to jest ostatnie przypomnienie o fakturze {{invoiceId}} od {{creditorName}}. Kwota do zapłaty to {{amountDue}}. Prosimy o zapłatę najpóźniej do {{deadline}}.\n\nZapłać teraz:\n{{payUrl}}\n\nPotrzebny plan spłaty? Zobacz:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Ostatnie przypomnienie: prosimy zapłacić {{amountDue}} najpóźniej do {{deadline}}.',
    },
    'instalment-due': {
      subject: 'Rata {{instalmentNumber}} z {{instalmentCount}}: {{instalmentAmount}}',
      title: 'Państwa następna rata',
      paragraphs: [
        'Wkrótce przypada termin następnej raty Państwa planu spłaty faktury {{invoiceId}}.',
        'Rata {{instalmentNumber}} z {{instalmentCount}} wynosi {{instalmentAmount}}. Prosimy o zapłatę tej kwoty najpóźniej do {{instalmentDueDate}}.',
      ],
      sms: '{{creditorName}}: rata {{instalmentNumber}} z {{instalmentCount}} ({{instalmentAmount}}) jest do zapłaty najpóźniej do {{instalmentDueDate}}. {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, wkrótce przypada termin raty {{instalmentNumber}} z {{instalmentCount}} za fakturę {{invoiceId}} od {{creditorName}}. Kwota to {{instalmentAmount}}, najpóźniej do {{instalmentDueDate}}.\n\nZapłać teraz:\n{{payUrl}}\n\nDziękujemy.',
      app: 'Rata {{instalmentNumber}} z {{instalmentCount}}: prosimy zapłacić {{instalmentAmount}} najpóźniej do {{instalmentDueDate}}.',
    },
    'instalment-missed': {
      subject: 'Rata {{instalmentNumber}} nie jest jeszcze zapłacona',
      title: 'Nie otrzymaliśmy raty {{instalmentNumber}}',
      paragraphs: [
        'Nie otrzymaliśmy jeszcze raty {{instalmentNumber}} z {{instalmentCount}} Państwa planu spłaty faktury {{invoiceId}}. Chodzi o {{instalmentAmount}}. Termin płatności tej raty minął {{instalmentDueDate}}.',
        'Czy mogą Państwo zapłacić tę ratę teraz? Wtedy plan spłaty trwa dalej.',
        'Spadły Państwa dochody? Wtedy na stronie {{selfServiceUrl}} mogą Państwo poprosić o niższą kwotę raty.',
      ],
      sms: '{{creditorName}}: rata {{instalmentNumber}} ({{instalmentAmount}}) nie jest zapłacona. Zapłać teraz: {{payUrl}} lub poproś o niższą ratę: {{selfServiceUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, nie otrzymaliśmy jeszcze raty {{instalmentNumber}} z {{instalmentCount}} za fakturę {{invoiceId}} od {{creditorName}}. Kwota to {{instalmentAmount}}.\n\nZapłać teraz:\n{{payUrl}}\n\nSpadły Państwa dochody? Poproś o niższą kwotę raty:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Rata {{instalmentNumber}} ({{instalmentAmount}}) nie jest jeszcze zapłacona. Czy chcą Państwo zapłacić ją teraz?',
    },
    'contact-update-request': {
      subject: 'Czy Państwa dane kontaktowe są aktualne?',
      title: 'Czy Państwa dane kontaktowe są aktualne?',
      paragraphs: [
        'Nie udało się dostarczyć Państwu wiadomości o fakturze {{invoiceId}}. Może zmienił się Państwa adres e-mail lub numer telefonu.',
        'Czy mogą Państwo sprawdzić swoje dane? Wtedy łatwiej się z Państwem skontaktujemy. Można to zrobić na stronie {{selfServiceUrl}}',
        'Za fakturę {{invoiceId}} pozostaje do zapłaty {{amountDue}}.',
      ],
      sms: '{{creditorName}}: nie mogliśmy się z Państwem skontaktować w sprawie faktury {{invoiceId}}. Sprawdź e-mail i numer telefonu: {{selfServiceUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, nie udało się dostarczyć Państwu wiadomości o fakturze {{invoiceId}} od {{creditorName}}. Czy mogą Państwo sprawdzić swój adres e-mail i numer telefonu?\n\nSprawdź dane:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Nie mogliśmy się z Państwem dobrze skontaktować. Czy mogą Państwo sprawdzić adres e-mail i numer telefonu?',
    },
    'plan-confirmation': {
      subject: 'Państwa plan spłaty faktury {{invoiceId}}',
      title: 'Państwa plan spłaty',
      paragraphs: [
        'Dziękujemy za uzgodnienie planu spłaty faktury {{invoiceId}}.',
        'Zapłacą Państwo {{planInstalments}} rat po {{planInstalmentAmount}}. Pierwszą ratę prosimy zapłacić najpóźniej do {{planFirstDueDate}}.',
        'Przed każdą ratą wyślemy Państwu na czas wiadomość z linkiem do płatności.',
      ],
      sms: '{{creditorName}}: plan spłaty jest uzgodniony. {{planInstalments}} rat po {{planInstalmentAmount}}, pierwsza najpóźniej do {{planFirstDueDate}}. {{selfServiceUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, dziękujemy! Plan spłaty faktury {{invoiceId}} od {{creditorName}} jest uzgodniony. Zapłacą Państwo {{planInstalments}} rat po {{planInstalmentAmount}}. Pierwszą ratę prosimy zapłacić najpóźniej do {{planFirstDueDate}}.\n\nZobacz swój plan:\n{{selfServiceUrl}}\n\nPrzed każdą ratą dostaną Państwo od nas wiadomość.',
      app: 'Plan spłaty jest uzgodniony: {{planInstalments}} rat po {{planInstalmentAmount}}, pierwsza najpóźniej do {{planFirstDueDate}}.',
    },
    'direct-debit-notice': {
      subject: 'Polecenie zapłaty na {{collectionAmount}} w dniu {{collectionDate}}',
      title: 'Państwa następne polecenie zapłaty',
      paragraphs: [
        'W dniu {{collectionDate}} pobierzemy {{collectionAmount}} z Państwa rachunku za fakturę {{invoiceId}}. Robimy to na podstawie zgody (mandatu), którą dali Państwo firmie {{creditorName}}.',
        'Numer mandatu: {{mandateReference}}. Identyfikator wierzyciela: {{creditorId}}.',
        'Prosimy zadbać o to, aby na rachunku było dość pieniędzy. Wtedy polecenie zapłaty się uda.',
        'Wolą Państwo zapłacić teraz sami? To też jest możliwe. Wtedy niczego nie pobierzemy.',
        'Chcą Państwo zatrzymać polecenie zapłaty albo wybrać inny dzień? Można to zrobić na stronie {{selfServiceUrl}}',
        'Nie zgadzają się Państwo z pobraniem? Wtedy w ciągu 8 tygodni mogą Państwo poprosić bank o zwrot.',
      ],
      sms: '{{creditorName}}: w dniu {{collectionDate}} pobierzemy {{collectionAmount}} za fakturę {{invoiceId}}. Mandat {{mandateReference}}, ID wierzyciela {{creditorId}}. Zatrzymaj lub zmień: {{selfServiceUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, w dniu {{collectionDate}} pobierzemy {{collectionAmount}} z Państwa rachunku za fakturę {{invoiceId}}. Robimy to na podstawie mandatu, który dali Państwo firmie {{creditorName}} (numer {{mandateReference}}, identyfikator wierzyciela {{creditorId}}). Prosimy zadbać o to, aby na rachunku było dość pieniędzy.\n\nWolą Państwo zapłacić teraz sami? Wtedy niczego nie pobierzemy:\n{{payUrl}}\n\nZatrzymaj polecenie zapłaty lub wybierz inny dzień:\n{{selfServiceUrl}}\n\nNie zgadzają się Państwo z pobraniem? Wtedy w ciągu 8 tygodni mogą Państwo poprosić bank o zwrot.',
      app: 'W dniu {{collectionDate}} pobierzemy {{collectionAmount}} z Państwa rachunku (mandat {{mandateReference}}, ID wierzyciela {{creditorId}}). Prosimy zadbać o dość pieniędzy na rachunku.',
    },
    'direct-debit-failed': {
      subject: 'Polecenie zapłaty na {{collectionAmount}} nie powiodło się',
      title: 'Polecenie zapłaty nie powiodło się',
      paragraphs: [
        'Nie udało się pobrać {{collectionAmount}} za fakturę {{invoiceId}} z Państwa rachunku. Może na rachunku nie było dość pieniędzy.',
        'W dniu {{collectionDate}} spróbujemy jeszcze jeden raz. Prosimy zadbać o to, aby wtedy na rachunku było dość pieniędzy.',
        'Numer mandatu: {{mandateReference}}. Identyfikator wierzyciela: {{creditorId}}.',
        'Wolą Państwo zapłacić teraz sami? To też jest możliwe. Wtedy niczego więcej nie pobierzemy.',
        'Ta kwota jest teraz za wysoka? Wtedy na stronie {{selfServiceUrl}} mogą Państwo sprawdzić, jaki plan spłaty pasuje.',
      ],
      sms: '{{creditorName}}: polecenie zapłaty na {{collectionAmount}} za fakturę {{invoiceId}} nie powiodło się. W dniu {{collectionDate}} spróbujemy jeszcze raz (mandat {{mandateReference}}, ID wierzyciela {{creditorId}}). {{payUrl}}',
      whatsapp:
        'Dzień dobry {{debtorName}}, polecenie zapłaty na {{collectionAmount}} za fakturę {{invoiceId}} od {{creditorName}} nie powiodło się. Może na rachunku nie było dość pieniędzy.\n\nW dniu {{collectionDate}} spróbujemy jeszcze jeden raz, z mandatem {{mandateReference}} (identyfikator wierzyciela {{creditorId}}). Prosimy zadbać o to, aby wtedy na rachunku było dość pieniędzy.\n\nWolą Państwo zapłacić teraz sami? Wtedy niczego więcej nie pobierzemy:\n{{payUrl}}\n\nKwota jest teraz za wysoka? Wybierz plan spłaty:\n{{selfServiceUrl}}\n\nDziękujemy.',
      app: 'Polecenie zapłaty na {{collectionAmount}} nie powiodło się. W dniu {{collectionDate}} spróbujemy jeszcze jeden raz (mandat {{mandateReference}}, ID wierzyciela {{creditorId}}).',
    },
  },
};
