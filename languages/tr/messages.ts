// Turkish texts, B1 level: short sentences, common words, the polite "siz". Same tone and legal content
// as the Dutch texts: the consumer formal notice keeps the 14-days-after-receipt wording of
// art. 6:96 lid 6 BW. Placeholders never take a suffix ("{{dueDate}} tarihine kadar").
import type { MessageTexts } from '../../activities/templates/text-schema.js';

export const messages: MessageTexts = {
  thisMessage: {
    email: 'bu e-postayı',
    sms: 'bu mesajı',
    whatsapp: 'bu mesajı',
    letter: 'bu mektubu',
    app: 'bu mesajı',
  },
  greeting: 'Sayın {{debtorName}},',
  greetingWords: ['Sayın', 'Merhaba', 'Değerli', 'İyi günler'],
  closing: 'Saygılarımızla,',
  payNow: 'Şimdi öde',
  selfService:
    'Şimdi tamamını ödeyemiyor musunuz veya bir şey yanlış mı? Bir ödeme planı seçebilir, ödeme tarihi bildirebilir veya sorunuzu şu adresten sorabilirsiniz: {{selfServiceUrl}}',
  amounts: {
    principal: 'Fatura tutarı',
    costs: 'Masraflar',
    interest: 'Faiz',
    paid: 'Ödenen',
    amountDue: 'Kalan borç',
    instalment: 'Taksit {number} / {of}',
  },
  vat: { included: 'Bu tutara {amount} KDV dahildir.', none: 'Bu masraflar için KDV almıyoruz.' },
  templates: {
    'payment-request': {
      subject: '{{invoiceId}} numaralı fatura için ödeme talebi',
      title: 'Ödeme talebi, fatura {{invoiceId}}',
      paragraphs: [
        '{{invoiceId}} numaralı faturayı artık kolayca online ödeyebilirsiniz. Tutar: {{amountDue}}. Lütfen en geç {{dueDate}} tarihine kadar ödeyin.',
        { if: 'description', text: 'Konu: {{description}}.' },
      ],
      sms: '{{creditorName}}: lütfen {{invoiceId}} numaralı {{amountDue}} tutarındaki faturayı en geç {{dueDate}} tarihine kadar ödeyin: {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için ödeme talebimiz ektedir. Tutar: {{amountDue}}. Lütfen en geç {{dueDate}} tarihine kadar ödeyin.\n\nHemen ödeyin:\n{{payUrl}}\n\nSorunuz mu var veya ödeme planı mı gerekiyor?\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: 'Lütfen {{amountDue}} tutarını en geç {{dueDate}} tarihine kadar ödeyin. Hemen uygulamada ödeyebilirsiniz.',
    },
    'payment-request-past-due': {
      subject: '{{invoiceId}} numaralı fatura için ödeme talebi',
      title: 'Ödeme talebi, fatura {{invoiceId}}',
      paragraphs: [
        '{{invoiceId}} numaralı faturayı artık kolayca online ödeyebilirsiniz. Tutar: {{amountDue}}. Faturanın son ödeme tarihi {{dueDate}} idi. Bu yüzden size yeni bir süre veriyoruz: lütfen en geç {{deadline}} tarihine kadar ödeyin.',
        { if: 'description', text: 'Konu: {{description}}.' },
      ],
      sms: '{{creditorName}}: lütfen {{invoiceId}} numaralı {{amountDue}} tutarındaki faturayı en geç {{deadline}} tarihine kadar ödeyin: {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için ödeme talebimiz ektedir. Tutar: {{amountDue}}. Son ödeme tarihi {{dueDate}} idi. Lütfen en geç {{deadline}} tarihine kadar ödeyin.\n\nHemen ödeyin:\n{{payUrl}}\n\nSorunuz mu var veya ödeme planı mı gerekiyor?\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: 'Lütfen {{amountDue}} tutarını en geç {{deadline}} tarihine kadar ödeyin. Hemen uygulamada ödeyebilirsiniz.',
    },
    'reminder-1': {
      subject: 'Hatırlatma: {{invoiceId}} numaralı fatura hâlâ ödenmedi',
      title: 'Hatırlatma, fatura {{invoiceId}}',
      paragraphs: [
        'Belki gözünüzden kaçtı: {{amountDue}} tutarındaki {{invoiceId}} numaralı faturanın son ödeme tarihi {{dueDate}} idi. Ödemenizi henüz almadık.',
        'Tutarı şimdi ödemek ister misiniz? Online olarak hızlı ve güvenli bir şekilde ödeyebilirsiniz.',
        'Az önce ödediyseniz bu hatırlatmayı dikkate almayın.',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı {{amountDue}} tutarındaki fatura hâlâ ödenmedi. Şimdi ödemek ister misiniz? {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, belki gözünüzden kaçtı: {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura hâlâ ödenmedi. Tutar: {{amountDue}}.\n\nHemen ödeyin:\n{{payUrl}}\n\nAz önce ödediyseniz bu hatırlatmayı dikkate almayın.',
      app: '{{invoiceId}} numaralı {{amountDue}} tutarındaki fatura hâlâ ödenmedi. Şimdi ödemek ister misiniz?',
    },
    'reminder-2': {
      subject: 'İkinci hatırlatma: fatura {{invoiceId}}',
      title: 'İkinci hatırlatma, fatura {{invoiceId}}',
      paragraphs: [
        'Size daha önce bir hatırlatma gönderdik, ancak {{invoiceId}} numaralı fatura hâlâ ödenmedi. Ödeme süresi {{dueDate}} tarihinde sona erdi. Kalan borç: {{amountDue}}.',
        'Tutarı şimdi ödemenizi rica ediyoruz.',
        'Tamamını bir kerede ödeyemiyor musunuz? Lütfen bizimle iletişime geçin. Birlikte bir çözüm buluruz.',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı {{amountDue}} tutarındaki fatura hâlâ ödenmedi. Şimdi ödeyin: {{payUrl}} veya ödeme planı seçin: {{selfServiceUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura hâlâ ödenmedi. Tutar: {{amountDue}}. Tutarı şimdi ödemenizi rica ediyoruz.\n\nHemen ödeyin:\n{{payUrl}}\n\nTamamını bir kerede ödeyemiyor musunuz? Bir ödeme planı seçin:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: '{{invoiceId}} numaralı {{amountDue}} tutarındaki fatura hâlâ ödenmedi. Şimdi halletmek ister misiniz?',
    },
    'formal-notice-consumer': {
      subject: 'İhtar: {{invoiceId}} numaralı faturayı 14 gün içinde ödeyin',
      title: 'İhtar, fatura {{invoiceId}}',
      paragraphs: [
        '{{invoiceId}} numaralı faturayı ödemenizi daha önce de rica ettik. Kalan borç: {{amountDue}}. Bu tutarı henüz almadık.',
        'Lütfen tutarı, {{thisMessage}} aldığınız günün ertesi gününden itibaren 14 gün içinde ödeyin. O zaman ek masraf ödemezsiniz.',
        'Bu 14 gün içinde ödemezseniz, size {{collectionCosts}} tahsilat masrafı yansıtacağız. {{collectionCostsVatNote}}',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı fatura ({{amountDue}}) ödenmedi. Bu mesajı aldığınız günün ertesi gününden itibaren 14 gün içinde ödeyin, yoksa {{collectionCosts}} tahsilat masrafı eklenir. {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura henüz ödenmedi. Tutar: {{amountDue}}.\n\nLütfen bu mesajı aldığınız günün ertesi gününden itibaren 14 gün içinde ödeyin. Bu 14 gün içinde ödemezseniz, size {{collectionCosts}} tahsilat masrafı yansıtacağız. {{collectionCostsVatNote}}\n\nHemen ödeyin:\n{{payUrl}}\n\nÖdeme planı mı gerekiyor? Buraya bakın:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: 'Lütfen {{amountDue}} tutarını, bu mesajı aldığınız günün ertesi gününden itibaren 14 gün içinde ödeyin. Yoksa {{collectionCosts}} tahsilat masrafı eklenir.',
    },
    'formal-notice-business': {
      subject: 'İhtar: fatura {{invoiceId}}',
      title: 'İhtar, fatura {{invoiceId}}',
      paragraphs: [
        '{{invoiceId}} numaralı faturanın son ödeme tarihi {{dueDate}} idi. Ödemenizi henüz almadık. Kalan borç şu anda {{amountDue}}.',
        'Bir şirketten olan alacaklarda tahsilat masrafları ve yasal ticari faiz, son ödeme tarihinin ertesi gününden itibaren borçlanılır. Bu yüzden bu tutara {{collectionCosts}} tahsilat masrafı ve bugüne kadarki ticari faiz dahildir.',
        'Lütfen tutarı en geç {{deadline}} tarihine kadar ödeyin.',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı fatura ödenmedi. Ödenecek: {{amountDue}}, {{collectionCosts}} tahsilat masrafı ve ticari faiz dahil. En geç {{deadline}} tarihine kadar ödeyin: {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura henüz ödenmedi. Kalan borç şu anda {{amountDue}}. Bu tutara {{collectionCosts}} tahsilat masrafı ve yasal ticari faiz dahildir.\n\nLütfen en geç {{deadline}} tarihine kadar ödeyin.\n\nHemen ödeyin:\n{{payUrl}}\n\nTeşekkür ederiz.',
      app: 'Lütfen {{amountDue}} tutarını en geç {{deadline}} tarihine kadar ödeyin. Bu tutara {{collectionCosts}} tahsilat masrafı ve ticari faiz dahildir.',
    },
    'formal-notice-no-costs': {
      subject: 'İhtar: {{invoiceId}} numaralı faturayı ödeyin',
      title: 'İhtar, fatura {{invoiceId}}',
      paragraphs: [
        '{{invoiceId}} numaralı faturayı ödemenizi daha önce de rica ettik. Kalan borç: {{amountDue}}. Bu tutarı henüz almadık.',
        'Lütfen tutarı en geç {{deadline}} tarihine kadar ödeyin.',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı fatura ({{amountDue}}) ödenmedi. Lütfen en geç {{deadline}} tarihine kadar ödeyin: {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura henüz ödenmedi. Tutar: {{amountDue}}.\n\nLütfen en geç {{deadline}} tarihine kadar ödeyin.\n\nHemen ödeyin:\n{{payUrl}}\n\nÖdeme planı mı gerekiyor? Buraya bakın:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: '{{invoiceId}} numaralı fatura henüz ödenmedi. Lütfen {{amountDue}} tutarını en geç {{deadline}} tarihine kadar ödeyin.',
    },
    'payment-plan-offer': {
      subject: '{{invoiceId}} numaralı faturayı taksitle ödeyin',
      title: 'Taksitle ödeme',
      paragraphs: [
        '{{amountDue}} tutarındaki {{invoiceId}} numaralı fatura henüz ödenmedi. Belki bu tutarı bir kerede ödemek şu anda zor. Bu yüzden size bir ödeme planı sunuyoruz.',
        {
          if: 'planInstalments',
          text: 'Örneğin {{planInstalmentAmount}} tutarında {{planInstalments}} aylık taksitle ödeyebilirsiniz.',
        },
        'Size uygun bir planı şu adresten kendiniz seçin: {{selfServiceUrl}}',
        'Bir kerede ödemeyi mi tercih ediyorsunuz? Bu da elbette mümkün.',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı faturayı ({{amountDue}}) bir kerede ödeyemiyor musunuz? Ödeme planı seçin: {{selfServiceUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura henüz ödenmedi. Tutar: {{amountDue}}. Tamamını bir kerede ödeyemiyor musunuz? O zaman bir ödeme planı seçebilirsiniz.\n\nPlanınızı seçin:\n{{selfServiceUrl}}\n\nBir kerede ödemeyi mi tercih ediyorsunuz? Buradan ödeyebilirsiniz:\n{{payUrl}}\n\nTeşekkür ederiz.',
      app: '{{invoiceId}} numaralı {{amountDue}} tutarındaki faturayı taksitle mi ödemek istiyorsunuz? Ödeme planınızı kendiniz seçin.',
    },
    'final-notice': {
      subject: 'Son hatırlatma: fatura {{invoiceId}}',
      title: 'Son hatırlatma, fatura {{invoiceId}}',
      paragraphs: [
        'Önceki mesajlarımıza rağmen {{invoiceId}} numaralı fatura henüz ödenmedi. Kalan borç: {{amountDue}}.',
        'Bu bizim son hatırlatmamızdır. Lütfen tutarı en geç {{deadline}} tarihine kadar ödeyin.',
        {
          if: 'collectionAgency',
          text: 'En geç {{deadline}} tarihine kadar ödemezseniz, alacağı {{collectionAgency}} şirketine devredeceğiz.',
        },
        {
          // No agency configured: say what really happens, and threaten nothing that will not follow.
          unless: 'collectionAgency',
          text: 'En geç {{deadline}} tarihine kadar ödemezseniz, size artık hatırlatma göndermeyeceğiz. Fatura ödenmemiş olarak kalır. Bundan sonraki adıma {{creditorName}} kendisi karar verir.',
        },
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı fatura ({{amountDue}}) için son hatırlatma. Lütfen en geç {{deadline}} tarihine kadar ödeyin: {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, bu, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için son hatırlatmadır. Tutar: {{amountDue}}. Lütfen en geç {{deadline}} tarihine kadar ödeyin.\n\nHemen ödeyin:\n{{payUrl}}\n\nÖdeme planı mı gerekiyor? Buraya bakın:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: 'Son hatırlatma: lütfen {{amountDue}} tutarını en geç {{deadline}} tarihine kadar ödeyin.',
    },
    'instalment-due': {
      subject: 'Taksit {{instalmentNumber}} / {{instalmentCount}}: {{instalmentAmount}}',
      title: 'Bir sonraki taksitiniz',
      paragraphs: [
        '{{invoiceId}} numaralı fatura için ödeme planınızın bir sonraki taksiti yakında ödenecek.',
        'Taksit {{instalmentNumber}} / {{instalmentCount}}: {{instalmentAmount}}. Lütfen bu tutarı en geç {{instalmentDueDate}} tarihine kadar ödeyin.',
      ],
      sms: '{{creditorName}}: taksit {{instalmentNumber}} / {{instalmentCount}} ({{instalmentAmount}}) en geç {{instalmentDueDate}} tarihine kadar ödenmelidir. {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için taksit {{instalmentNumber}} / {{instalmentCount}} yakında ödenecek. Tutar: {{instalmentAmount}}, en geç {{instalmentDueDate}} tarihine kadar.\n\nHemen ödeyin:\n{{payUrl}}\n\nTeşekkür ederiz.',
      app: 'Taksit {{instalmentNumber}} / {{instalmentCount}}: lütfen {{instalmentAmount}} tutarını en geç {{instalmentDueDate}} tarihine kadar ödeyin.',
    },
    'instalment-missed': {
      subject: 'Taksit {{instalmentNumber}} henüz ödenmedi',
      title: 'Taksit {{instalmentNumber}} alınmadı',
      paragraphs: [
        '{{invoiceId}} numaralı fatura için ödeme planınızın {{instalmentNumber}} / {{instalmentCount}} numaralı taksitini henüz almadık. Tutar: {{instalmentAmount}}. Bu taksitin son ödeme tarihi {{instalmentDueDate}} idi.',
        'Taksiti şimdi ödemek ister misiniz? O zaman planınız normal şekilde devam eder.',
        'Geliriniz azaldı mı? O zaman şu adresten taksit başına daha düşük bir tutar isteyebilirsiniz: {{selfServiceUrl}}',
      ],
      sms: '{{creditorName}}: taksit {{instalmentNumber}} ({{instalmentAmount}}) ödenmedi. Şimdi ödeyin: {{payUrl}} veya daha düşük tutar isteyin: {{selfServiceUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için taksit {{instalmentNumber}} / {{instalmentCount}} henüz alınmadı. Tutar: {{instalmentAmount}}.\n\nHemen ödeyin:\n{{payUrl}}\n\nGeliriniz azaldı mı? Taksit başına daha düşük bir tutar isteyin:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: 'Taksit {{instalmentNumber}} ({{instalmentAmount}}) henüz ödenmedi. Şimdi ödemek ister misiniz?',
    },
    'contact-update-request': {
      subject: 'İletişim bilgileriniz hâlâ doğru mu?',
      title: 'İletişim bilgileriniz hâlâ doğru mu?',
      paragraphs: [
        '{{invoiceId}} numaralı fatura hakkındaki mesajımızı size ulaştıramadık. Belki e-posta adresiniz veya telefon numaranız değişti.',
        'Bilgilerinizi kontrol eder misiniz? Böylece size bundan sonra kolayca ulaşabiliriz. Bunu şu adresten yapabilirsiniz: {{selfServiceUrl}}',
        '{{invoiceId}} numaralı fatura için kalan borç: {{amountDue}}.',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı fatura hakkında size ulaşamadık. E-posta adresinizi ve telefon numaranızı kontrol edin: {{selfServiceUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura hakkındaki mesajımızı size ulaştıramadık. E-posta adresinizi ve telefon numaranızı kontrol eder misiniz?\n\nBilgilerinizi kontrol edin:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: 'Size iyi ulaşamadık. E-posta adresinizi ve telefon numaranızı kontrol eder misiniz?',
    },
    'plan-confirmation': {
      subject: '{{invoiceId}} numaralı fatura için ödeme planınız',
      title: 'Ödeme planınız',
      paragraphs: [
        '{{invoiceId}} numaralı fatura için ödeme planı yaptığınız için teşekkür ederiz.',
        '{{planInstalmentAmount}} tutarında {{planInstalments}} taksit ödeyeceksiniz. İlk taksiti en geç {{planFirstDueDate}} tarihine kadar ödeyin.',
        'Her taksitten önce size zamanında ödeme bağlantısı olan bir mesaj göndereceğiz.',
      ],
      sms: '{{creditorName}}: ödeme planınız hazır. {{planInstalmentAmount}} tutarında {{planInstalments}} taksit, ilki en geç {{planFirstDueDate}} tarihine kadar. {{selfServiceUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, teşekkür ederiz! {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için ödeme planınız hazır. {{planInstalmentAmount}} tutarında {{planInstalments}} taksit ödeyeceksiniz. İlk taksiti en geç {{planFirstDueDate}} tarihine kadar ödeyin.\n\nPlanınızı görün:\n{{selfServiceUrl}}\n\nHer taksitten önce sizden bir mesaj alacaksınız.',
      app: 'Ödeme planınız hazır: {{planInstalmentAmount}} tutarında {{planInstalments}} taksit, ilki en geç {{planFirstDueDate}} tarihine kadar.',
    },
    'direct-debit-notice': {
      subject: '{{collectionDate}} tarihinde {{collectionAmount}} otomatik ödeme',
      title: 'Bir sonraki otomatik ödemeniz',
      paragraphs: [
        '{{collectionDate}} tarihinde {{invoiceId}} numaralı fatura için hesabınızdan {{collectionAmount}} çekeceğiz. Bunun için {{creditorName}} şirketine verdiğiniz talimatı kullanıyoruz.',
        'Talimat referansı: {{mandateReference}}. Alacaklı kimlik numarası: {{creditorId}}.',
        'Lütfen hesabınızda yeterli para olmasını sağlayın. Böylece otomatik ödeme sorunsuz gerçekleşir.',
        'Şimdi kendiniz ödemeyi mi tercih ediyorsunuz? Bu da mümkün. O zaman hiçbir şey çekmeyiz.',
        'Otomatik ödemeyi durdurmak veya başka bir gün seçmek ister misiniz? Bunu şu adresten yapabilirsiniz: {{selfServiceUrl}}',
        'Bir çekime itiraz mı ediyorsunuz? O zaman 8 hafta içinde bankanız aracılığıyla iade ettirebilirsiniz.',
      ],
      sms: '{{creditorName}}: {{collectionDate}} tarihinde {{invoiceId}} numaralı fatura için {{collectionAmount}} çekeceğiz. Talimat {{mandateReference}}, alacaklı no {{creditorId}}. Durdur/değiştir: {{selfServiceUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{collectionDate}} tarihinde {{invoiceId}} numaralı fatura için hesabınızdan {{collectionAmount}} çekeceğiz. Bunun için {{creditorName}} şirketine verdiğiniz talimatı kullanıyoruz (referans {{mandateReference}}, alacaklı kimlik numarası {{creditorId}}). Lütfen hesabınızda yeterli para olmasını sağlayın.\n\nŞimdi kendiniz ödemeyi mi tercih ediyorsunuz? O zaman hiçbir şey çekmeyiz:\n{{payUrl}}\n\nOtomatik ödemeyi durdurun veya başka bir gün seçin:\n{{selfServiceUrl}}\n\nBir çekime itiraz mı ediyorsunuz? O zaman 8 hafta içinde bankanız aracılığıyla iade ettirebilirsiniz.',
      app: '{{collectionDate}} tarihinde hesabınızdan {{collectionAmount}} çekeceğiz (talimat {{mandateReference}}, alacaklı no {{creditorId}}). Lütfen hesabınızda yeterli para olmasını sağlayın.',
    },
    'direct-debit-failed': {
      subject: '{{collectionAmount}} tutarındaki otomatik ödeme gerçekleşmedi',
      title: 'Otomatik ödeme gerçekleşmedi',
      paragraphs: [
        '{{invoiceId}} numaralı fatura için hesabınızdan {{collectionAmount}} çekemedik. Belki hesabınızda yeterli para yoktu.',
        '{{collectionDate}} tarihinde bir kez daha deneyeceğiz. Lütfen o gün hesabınızda yeterli para olmasını sağlayın.',
        'Talimat referansı: {{mandateReference}}. Alacaklı kimlik numarası: {{creditorId}}.',
        'Şimdi kendiniz ödemeyi mi tercih ediyorsunuz? Bu da mümkün. O zaman artık hiçbir şey çekmeyiz.',
        'Bu tutar şu anda çok mu yüksek? O zaman size hangi planın uygun olduğuna şu adresten bakın: {{selfServiceUrl}}',
      ],
      sms: '{{creditorName}}: {{invoiceId}} numaralı fatura için {{collectionAmount}} otomatik ödeme gerçekleşmedi. {{collectionDate}} tarihinde 1 kez daha deneyeceğiz (talimat {{mandateReference}}, alacaklı no {{creditorId}}). {{payUrl}}',
      whatsapp:
        'Sayın {{debtorName}}, {{creditorName}} tarafından gönderilen {{invoiceId}} numaralı fatura için {{collectionAmount}} tutarındaki otomatik ödeme gerçekleşmedi. Belki hesabınızda yeterli para yoktu.\n\n{{collectionDate}} tarihinde {{mandateReference}} talimatıyla (alacaklı kimlik numarası {{creditorId}}) bir kez daha deneyeceğiz. Lütfen o gün hesabınızda yeterli para olmasını sağlayın.\n\nŞimdi kendiniz ödemeyi mi tercih ediyorsunuz? O zaman artık hiçbir şey çekmeyiz:\n{{payUrl}}\n\nBu tutar şu anda çok mu yüksek? Bir ödeme planı seçin:\n{{selfServiceUrl}}\n\nTeşekkür ederiz.',
      app: '{{collectionAmount}} tutarındaki otomatik ödeme gerçekleşmedi. {{collectionDate}} tarihinde bir kez daha deneyeceğiz (talimat {{mandateReference}}, alacaklı no {{creditorId}}).',
    },
  },
};
