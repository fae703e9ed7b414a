# Ruqsat: веб-беттердің мәтіндері, қазақ тілі.
# Мұндағы әрбір хабарлама ru және en тілдерінде де болуы тиіс (тест арқылы тексеріледі).

## Бет жақтауы

app-name = Ruqsat
app-tagline = Шетелдіктер мен азаматтығы жоқ адамдарға Қазақстан Республикасында уақытша және тұрақты тұруға рұқсат.
skip-to-content = Негізгі мазмұнға өту
nav-label = Негізгі мәзір
nav-home = Басты бет
nav-portal = Онлайн өтініш беру
nav-status = Өтініштің мәртебесі
nav-verify = Рұқсатты тексеру
nav-queue = Кезек
nav-desk = Қабылдау және беру
nav-login = Қызметкерлердің кіруі
nav-logout = Шығу
lang-switch = Тіл
footer-text = Қазақстан Республикасы Ішкі істер министрлігі · көші-қон қызметі. Демонстрациялық жүйе: ондағы барлық адамдар ойдан шығарылған.

## Қателер

error-invalid = Сұрау дұрыс емес
error-unauthenticated = Жүйеге кіріңіз
error-csrf = Форманың мерзімі өтіп кетті. Артқа оралып, бетті жаңартыңыз да, форманы қайта жіберіңіз.
error-too-many-logins = Кіру әрекеттері тым көп сәтсіз болды. Кіру уақытша бұғатталды; 15 минуттан кейін қайталаңыз немесе әкімшіге хабарласыңыз.
error-forbidden = Бұл әрекетті орындауға құқығыңыз жоқ
error-not-found = Мұнда ештеңе табылмады
error-conflict = Осы уақыт ішінде іске өзгерістер енгізілді
error-internal = Біз тарапта қате орын алды; кейінірек қайталап көріңіз
form-has-errors = Форманы түзетіңіз:
invalid-required = Бұл өрісті толтырыңыз.
invalid-citizenship = Үш латын әрпі – елдің ISO коды (мысалы, UZB).
invalid-iin = Он екі цифр.
invalid-value-check = Бұл мән қабылданбайды: оны тексеріңіз.
invalid-value = Бұл мән қабылданбайды ({ $detail }).
invalid-sign = Өтінішті жіберу үшін оған электрондық цифрлық қолтаңбаңызбен қол қойыңыз.

## Басты бет

home-title = Шетелдіктерге арналған мемлекеттік қызметтер
home-portal = Уақытша тұруға рұқсат алуға өтінішті үйден шықпай-ақ, электрондық цифрлық қолтаңбаңызбен беріңіз.
home-status = Өтінішіңіздің барысын оның нөмірі және паспортыңыздың нөмірі немесе ЖСН бойынша қадағалаңыз.
home-verify = Рұқсаттың түпнұсқалығы мен жарамдылығын оның нөмірі немесе QR-коды бойынша тексеріңіз.
home-staff = Қызметкерлерге
home-staff-text = Көші-қон полициясының қызметкерлері, басшылар және Мемлекеттік корпорацияның операторлары.

## Мәртебе және жеке кабинет

status-title = Өтініштің мәртебесі
status-intro = Өтініштің нөмірін және өтініш берушінің паспорт нөмірін немесе ЖСН-ін енгізіңіз. Өтініш туралы басқа мәліметтер көрсетілмейді.
field-number = Өтініштің нөмірі
field-document = Паспорт нөмірі немесе ЖСН
action-lookup = Мәртебені көрсету
status-not-found = Осы нөмір мен құжатқа сәйкес келетін өтініш табылмады. Екеуін де тексеріп, қайталап көріңіз.
status-case = { $number } өтініші
status-due = Нәтиженің дайын болу мерзімі:
status-history = Қаралу барысы
status-registries = Қандай мемлекеттік тізілімдерге сұрау жіберілді
status-registries-intro = Өтінішіңізді тексеру үшін полиция басқа мемлекеттік тізілімдерге сұрау жібереді. Әрбір сұрау оның құқықтық негізімен бірге тіркеледі.
status-registries-none = Әзірге ешбір тізілімге сұрау жіберілген жоқ.
col-when = Уақыты
col-registry = Тізілім
col-basis = Құқықтық негіз
col-answered = Жауап алынды
public-state-under_consideration = Қаралуда
public-state-not_accepted = Қабылданбады: құжаттар пакеті толық емес
public-state-decided = Шешім қабылданды
public-state-ready_for_collection = Дайын: нәтижені алуыңызға болады
public-state-handed_over = Тапсырылды
public-state-revoked = Күші жойылды
cabinet-title = Жеке кабинет
cabinet-intro = Өтінішіңізді көру және оның нәтижесін жүктеп алу үшін жүйеге кіріңіз. («Электрондық үкімет» порталында жүйеге электрондық цифрлық қолтаңба арқылы кіресіз; бұл демонстрацияда өтініштің нөмірі және паспорт нөмірі немесе ЖСН сұралады.)
action-open-cabinet = Кабинетті ашу
cabinet-documents = Нәтиже
cabinet-download-permit = Рұқсатты жүктеп алу (PDF)
cabinet-download-refusal = Дәлелді бас тартуды жүктеп алу (PDF)
cabinet-no-documents = Нәтиже әлі дайын емес.

## Тексеру

verify-title = Рұқсатты тексеру
verify-intro = Рұқсаттағы QR-кодты сканерлеңіз немесе оның нөмірін енгізіңіз. Жауаптан рұқсаттың бүгін жарамды екенін не жарамсыз екенін білесіз.
col-permit-number = Рұқсаттың нөмірі
action-verify = Тексеру
verify-valid = Жарамды
verify-revoked = Күші жойылған: бұл рұқсат енді жарамсыз
verify-expired = Мерзімі өткен
verify-not_yet_valid = Әлі күшіне енген жоқ
verify-unknown = Белгісіз: мұндай нөмірмен рұқсат берілмеген
verify-seal-ok = QR-кодтың электрондық мөрі түпнұсқа: төмендегі деректерге рұқсатты берген жүйе қол қойған.
verify-seal-demo = Бұл — үлгі: мөрі демонстрациялық қондырғының кілтімен басылған. Бұл рұқсат емес.
demo-banner = Демонстрациялық қондырғы: ойдан шығарылған адамдар мен істер; мұнда мөрленген құжаттар — рұқсат емес, үлгі.
verify-seal-bad = QR-кодтың электрондық мөрі расталмады: рұқсат жалған немесе оған өзгерістер енгізілген.
verify-validity = Қолданылу мерзімі
verify-permanent = мерзімсіз
label-name = Тегі, аты, әкесінің аты
label-birth-date = Туған күні
label-citizenship = Азаматтығы
label-passport = Паспорт
label-iin = ЖСН

## Қызметкерлердің кіруі

login-title = Қызметкерлердің кіруі
field-login = Логин
field-password = Құпиясөз
action-login = Кіру
login-failed = Логин немесе құпиясөз қате.
login-demo-hint = Демонстрациялық есептік жазбалар: officer.almaty, supervisor.almaty, operator.sc (құпиясөздер қызмет --demo параметрімен іске қосылғанда шығарылады).

## Кезек

queue-title = Істер кезегі
queue-count = { $count ->
    [one] { $count } ашық іс
   *[other] { $count } ашық іс
}, оның ішінде мерзімі өткені: { $overdue }
queue-shown = Мерзімі ең жақын { $shown } іс көрсетілген.
queue-empty = Істер жоқ.
queue-overdue = мерзімі өткен
queue-due-today = мерзімі бүгін
col-number = Нөмірі
col-service = Қызмет
col-channel = Арна
col-state = Мәртебесі
col-due = Мерзімі
col-proposal = Ұсыныс
col-outcome = Нәтижесі
col-who = Кім
col-reason = Себебі
col-check = Тексеру
col-result = Нәтиже
col-source = Дереккөз
state-submitted = берілді
state-not_accepted = қабылданбады
state-accepted = қабылданды
state-checks_running = тексерулер жүргізілуде
state-checks_pending = тексерулердің нәтижесі күтілуде
state-checks_done = тексерулер аяқталды
state-proposed = ұсыныс дайын
state-awaiting_signature = басшының қолтаңбасы күтілуде
state-permit_issued = рұқсат берілді
state-refusal_issued = бас тарту ресімделді
state-delivered = беру арнасына жіберілді
state-handed_over = тапсырылды
state-revoked = күші жойылды
check-source-chk-1 = қызметкер, құжаттар тізбесі бойынша
check-source-chk-2 = Шекара қызметі, «Бүркіт»
check-source-chk-3 = Құқықтық статистика және арнаулы есепке алу жөніндегі комитет (Бас прокуратура); ІІМ-нің іздестіру есептері
check-source-chk-4 = ЖСН тізілімі (Мемлекеттік кірістер комитеті)
check-source-chk-5 = көші-қон полициясының есептері (жұмыс берушіге үй шаруашылығындағы жұмыс үшін берілген УТР)
check-source-chk-6 = көші-қон полициясының есептері (тұрақты тұруға рұқсат алуға өтінімдер)
check-source-chk-7 = дактилоскопиялық тіркеу тізілімі

## Іс

case-title = { $number } ісі
case-applicant = Өтініш беруші
case-family = Отбасы мүшелері
case-host = Қабылдаушы тарап
case-none = жоқ
case-documents = Пакеттегі құжаттар
case-uploads = Сканерленген құжаттар
case-checks = Тексерулер
case-proposal = Жүйенің ұсынысы
case-grounds = Негіздер
case-explanation = Ұсыныс қалай қалыптасты
case-edition = Қағидалардың редакциясы
case-no-proposal = Тексерулер әлі аяқталған жоқ.
case-actions = Әрекеттер
case-decision = Шешім
case-appeal = Бас тартуға { $until } күнге дейін шағым жасауға болады.
case-signature-needed = Бас тарту басшы қол қойғаннан кейін ғана күшіне енеді.
case-awaiting-signature = Бас тарту басшының қол қоюын күтуде.
field-outcome = Шешім
action-issue = Рұқсат беру
action-refuse = Бас тарту
field-reason = Дәлелдеме
field-reason-help = Бас тартқан кезде, сондай-ақ жүйенің ұсынысынан өзгеше шешім қабылдаған кезде міндетті.
field-ground = Сіз анықтаған негіз (міндетті емес)
field-finding-note = Осы негізді растайтын фактілер
action-decide = Шешімді тіркеу
field-sign-reason = Ескертпе (бас тартуды қайтару үшін міндетті)
action-sign = Бас тартуға қол қою
action-return = Қызметкерге қайтару
action-deliver-desk = Жеке келгенде беру үшін басып шығару
action-deliver-state_corporation = Мемлекеттік корпорацияға жіберу
action-deliver-portal = Өтініш берушінің жеке кабинетіне орналастыру
field-identity-checked = Нәтижені алушы адамның жеке басын куәландыратын құжатын тексердім
action-handover = Тапсыру
action-print-permit = Рұқсатты басып шығару (PDF)
action-print-refusal = Бас тартуды басып шығару (PDF)
action-print-questionnaire = Өтініш-сауалнаманы басып шығару (PDF)
case-history = Тарихы
case-registry-queries = Тізілімдерге сұраулар
flash-decided = Шешім тіркелді.
flash-signed = Қолтаңба тіркелді.
flash-delivered = Нәтиже беру арнасына жіберілді.
flash-handed-over = Нәтиже тапсырылды.
flash-submitted = Өтініш жіберілді.

## Қабылдау және беру

desk-title = Мемлекеттік корпорацияда құжаттарды қабылдау және беру
desk-title-police = Көші-қон полициясында құжаттарды қабылдау және беру
desk-new-trp = Уақытша тұруға рұқсат алуға жаңа өтініш
desk-new-prp = Тұрақты тұруға рұқсат алуға жаңа өтініш
desk-ready = Тапсырылатын нәтижелер

## Өтініш-сауалнама

portal-title = Уақытша тұруға рұқсат алуға өтініш беру
portal-intro = Қазақстанда болу мақсатыңызды таңдаңыз. Содан кейін біз сіздің жағдайыңызға қажетті мәліметтерді ғана сұраймыз, қандай құжаттарды қоса беру керектігін және жауапты қашан алатыныңызды айтамыз.
portal-choose = Болу мақсатыңыз
portal-cabinet-link = Менің өтініштерім (жеке кабинет)
action-continue = Жалғастыру
section-purpose = Мақсаты
field-subtype = Болу мақсаты
field-categories = Өтініш берушіге қатысты негіздер
field-region = Полиция органының өңірі
action-update-checklist = Құжаттар тізбесін жаңарту
section-applicant = Өтініш беруші
section-applicant-hint = Аты-жөніңізді паспорттағыдай етіп, латын әріптерімен жазыңыз.
field-surname = Тегі
field-given-name = Аты
field-patronymic = Әкесінің аты (бар болса)
field-birth-date = Туған күні
field-sex = Жынысы
sex-male = ер
sex-female = әйел
field-citizenship = Азаматтығы (ISO коды)
field-birth-place = Туған жері
field-nationality = Ұлты
field-iin = ЖСН (бар болса)
field-passport-number = Паспорттың нөмірі
field-passport-issued = Паспорттың берілген күні
field-passport-expires = Паспорттың қолданылу мерзімі аяқталатын күн
field-residence-abroad = Тұрақты тұратын елі және мекенжайы
section-address = Қазақстандағы мекенжайы
field-address-region = Өңір
field-address-city = Қала немесе елді мекен
field-address-street = Көше
field-address-house = Үй
field-address-apartment = Пәтер
field-registration-code = Мекенжайдың тіркеу коды
field-phone = Ұялы телефон
field-email = Электрондық пошта
field-language = Хабарламалар тілі
section-period = Мерзім
field-period-from = Басталу күні
field-period-to = Аяқталу күні
field-contract-ends = Еңбек шартының аяқталу күні
field-stay-until = Елде болудың рұқсат етілген мерзімі аяқталатын күн
section-host = Қабылдаушы тарап
field-host-kind = Қабылдаушы тарап
host-legal_entity = заңды тұлға
host-individual = жеке тұлға
field-host-name = Қабылдаушы тараптың атауы немесе аты-жөні
field-host-id = Қабылдаушы тараптың ЖСН-і немесе БСН-і
field-host-bin = Заңды тұлғаның БСН-і
field-host-iin = Жеке тұлғаның ЖСН-і
field-host-owns-housing = Тұрғын үй қабылдаушы тараптың меншігінде
section-family = Сізбен бірге келген отбасы мүшесі
section-family-hint = Отбасы мүшесі сізбен бірге өтініш берген жағдайда ғана толтырыңыз.
field-relation = Туыстық қатынасы
section-documents = Құжаттар
documents-intro = Қоса беретін құжаттарыңызды белгілеңіз. Тізбе сіз таңдаған мақсат бойынша Қағидаларға сәйкес жасалған.
documents-one-of = Мыналардың бірі:
deadline-if-now = Өтінішті қазір берсеңіз, нәтиженің дайын болу мерзімі – { $due }.
section-consents = Келісімдер
field-consent = Ақпараттық жүйелерде қамтылған, заңмен қорғалатын құпияны құрайтын мәліметтерді пайдалануға келісім беремін.
field-warning = Әкімшілік құқық бұзушылық туралы кодекстің 518-бабы бойынша жауаптылық туралы маған ескертілді.
field-sign = Осы өтінішке электрондық цифрлық қолтаңбаммен (ЭЦҚ) қол қоямын (бұл демонстрацияда қол қою имитацияланады).
action-submit = Өтінішті жіберу
receipt-accepted = Өтініш қабылданды
receipt-not-accepted = Өтініш қабылданбады
receipt-what-to-bring = Өзіңізбен не алып келу керек
receipt-follow = Нөмірді сақтап қойыңыз: ол және паспортыңыздың нөмірі арқылы өтініштің барысын мәртебе бетінде қадағалай аласыз.

## Болу мақсаттары қарапайым тілмен

subtype-family_reunification = отбасын біріктіру
subtype-family_reunification-help = Сіз Қазақстанда тұратын отбасы мүшеңізге көшіп келесіз.
subtype-labour = жұмыс
subtype-labour-help = Сіз Қазақстанда жұмыс берушіде еңбек қызметіне рұқсатпен жұмыс істейсіз немесе, егер рұқсат алудан босатылған болсаңыз (мысалы, ЕАЭО мемлекеттерінің азаматтары), рұқсатсыз жұмыс істейсіз.
subtype-study = оқу
subtype-study-help = Сіз қазақстандық мектепте, колледжде немесе университетте оқисыз.
subtype-medical_treatment = емделу
subtype-medical_treatment-help = Сіз қазақстандық ауруханада емделесіз.
subtype-missionary = миссионерлік қызмет
subtype-missionary-help = Сіз белгіленген тәртіппен тіркелген миссионерлік қызметті жүзеге асырасыз.
subtype-business_immigrant = кәсіпкерлік қызмет
subtype-business_immigrant-help = Сіз Қазақстанда бизнес-көшіп келуші ретінде кәсіпкерлік қызметпен айналысасыз.
subtype-trafficking_victim = адам саудасының құрбаны
subtype-trafficking_victim-help = Сіз Қазақстанда адам саудасының құрбаны деп танылдыңыз.
subtype-prp_applicant = тұрақты тұруға рұқсатты күту
subtype-prp_applicant-help = Сіз тұрақты тұруға рұқсат алуға өтініш бердіңіз және ол қаралып жатқан уақытта елде боласыз.

## Туыстық қатынастар, өңірлер

relation-spouse = жұбайы
relation-child = баласы
relation-parent = ата-анасы
relation-sibling = аға-інісі немесе апа-сіңлісі
relation-grandparent = атасы немесе әжесі
relation-grandchild = немересі
relation-other = басқа туысы
region-abai = Абай облысы
region-akmola = Ақмола облысы
region-aktobe = Ақтөбе облысы
region-almaty = Алматы қаласы
region-almaty_region = Алматы облысы
region-astana = Астана қаласы
region-atyrau = Атырау облысы
region-east_kazakhstan = Шығыс Қазақстан облысы
region-jambyl = Жамбыл облысы
region-jetisu = Жетісу облысы
region-karaganda = Қарағанды облысы
region-kostanay = Қостанай облысы
region-kyzylorda = Қызылорда облысы
region-mangystau = Маңғыстау облысы
region-north_kazakhstan = Солтүстік Қазақстан облысы
region-pavlodar = Павлодар облысы
region-shymkent = Шымкент қаласы
region-turkistan = Түркістан облысы
region-ulytau = Ұлытау облысы
region-west_kazakhstan = Батыс Қазақстан облысы

## Құжаттар

issuing-body = { $region } Полиция департаменті
refusal-appeal = Шешімге { $until } күнге дейін жоғары тұрған ішкі істер органына (көші-қон қызметіне), содан кейін сотқа Әкімшілік рәсімдік-процестік кодексте белгіленген тәртіппен шағым жасауға болады.
registry-domestic_work_trps = көші-қон полициясының есептері: жұмыс берушінің үй шаруашылығындағы жұмысқа берілген УТР
registry-citizenship = азаматтық жөніндегі есептер

## Жою

nav-revocations = Жою
revocations-title = Жоюға үміткерлер
revocations-intro = Тексеру Халықтың көші-қоны туралы заңның 49-бабындағы негізді анықтаған рұқсат иелері, дәлелдерімен. Қызметкердің дәлелді шешімінсіз және басшының қолынсыз ештеңе жойылмайды.
candidate-state-open = қаралуда
candidate-state-awaiting_signature = жою ұсынылды, басшының қолы күтілуде
candidate-state-revoked = жойылды
candidate-state-dismissed = қабылданбады
evidence-period = Он екі айлық кезең
evidence-days = Болған күндер / ең аз
evidence-unknown = Деректері жоқ күндер (деректер қателері)
evidence-crossings = Пайдаланылған өтулер
evidence-found = Тексеру күні
evidence-finding = Тізілім хабарлағаны
action-propose-revocation = Жоюды ұсыну
action-dismiss = Қабылдамау
action-sign-revocation = Жоюға қол қою
revocations-open-case = Иесінің ісін ашу

## Статистика

nav-reports = Статистика
dashboard-title = Статистика және мерзімдер
action-show = Көрсету
action-export-csv = CSV-ге түсіру
dashboard-terms = Қызмет көрсету мерзімдері
sla-cases = Кезеңде берілген өтініштер
sla-decided = Шешілді (рұқсат берілді немесе бас тартуға қол қойылды)
sla-within-term = Белгіленген мерзімде шешілді
sla-median = Шешімге дейінгі уақыттың медианасы, сағат
sla-p90 = Шешімге дейінгі уақыттың 90-процентилі, сағат
sla-overdue = Қазір мерзімі өткен ашық істер
dimension-service = Қызметтер бойынша
dimension-subtype = УТР мақсаттары бойынша
dimension-channel = Арналар бойынша
dimension-region = Өңірлер бойынша
dimension-outcome = Нәтижелер бойынша
dimension-ground = Бас тарту негіздері бойынша
report-outcome-open = қаралуда
report-outcome-revoked = жойылды
col-value = Мәні
col-count = Істер

## Іс тарихы: әр өзгерістің себебі (кодтармен сақталады, мұнда көрсетіледі).
event-submitted = берілген арна: { $channel }; қабылданды
event-submitted-not-accepted = берілген арна: { $channel }; қабылданбады: { $reasons }
event-asking-registries = тізілімдерге сұрау жіберілуде
event-awaiting = жауап күтілуде: { $registries }; кейінірек қайта сұралады
event-registries-answered = барлық тізілімдер жауап берді
event-proposed = жүйенің ұсынысы: { $outcome } (редакция { $edition })
event-confirms-proposal = жүйенің ұсынысын растайды
event-second-signature = екінші қол қою
event-delivered-desk = бөлімшеде басып шығарылды
event-delivered-state_corporation = Мемлекеттік корпорацияның жүйесіне жіберілді
event-delivered-portal = порталдағы өтініш берушінің жеке кабинетіне орналастырылды
event-identity-checked = жеке басы тексерілді
event-revoked = { $ground } негізі бойынша жойылды ({ $source }): { $reasoning }
acceptance-presence = өтінішті берген тұлға бұл қызметке жүгіне алмайды
acceptance-is_data = ақпараттық жүйелердің мәліметтері
acceptance-age16 = 16 жасқа толғаннан кейінгі өтініш
acceptance-late = мерзімі өткізілген өтініш
acceptance-complete = құжаттар топтамасы толық емес
acceptance-channel = қызмет бұл арна арқылы көрсетілмейді
acceptance-fingerprints = дактилоскопиялық тіркеу
acceptance-hours = өтініштерді қабылдау уақытынан тыс берілген

## Тізілімдерге сұраулардың құқықтық негіздері (кодтармен сақталады).
basis-rules992-p9_1-2 = № 992 Қағидалар, 9-1-тармақ, 2-тармақша
basis-rules992-p9_1-3 = № 992 Қағидалар, 9-1-тармақ, 3-тармақша
basis-rules992-p9_1-4 = № 992 Қағидалар, 9-1-тармақ, 4-тармақша
basis-rules992-p9_1-6 = № 992 Қағидалар, 9-1-тармақ, 6-тармақша
basis-rules992-p9_1-7 = № 992 Қағидалар, 9-1-тармақ, 7-тармақша
basis-migration-art43_2-p5 = «Халықтың көші-қоны туралы» Заң, 43-2-бап, 5-тармақ
basis-migration-art49-13 = «Халықтың көші-қоны туралы» Заң, 49-бап, 13-тармақша
basis-migration-art49-10-18 = «Халықтың көші-қоны туралы» Заң, 49-бап, 10, 18-тармақшалар
basis-migration-art49-20 = «Халықтың көші-қоны туралы» Заң, 49-бап, 20-тармақша
basis-migration-art49-21 = «Халықтың көші-қоны туралы» Заң, 49-бап, 21-тармақша
basis-migration-art49-16 = «Халықтың көші-қоны туралы» Заң, 49-бап, 16-тармақша
basis-rules992-app3-6-tax = № 992 Қағидалар, 3-қосымша, 6-тармақ; Салық кодексі
basis-migration-art49-p1 = «Халықтың көші-қоны туралы» Заң, 49-бап, 1-тармақ (тұрақты тұруға рұқсатты жою)

## Қызмет ережесі бойынша қабылданбаған нысандар.
error-reason-refusal = Бас тарту үшін сіздің негіздемеңіз қажет: рұқсат беруден неге бас тартылғанын жазыңыз.
error-reason-departs = Шешіміңіз жүйенің ұсынысынан өзгеше: негіздемесін жазыңыз.
error-reason-return = Бас тартуды қызметкерге қайтару үшін себебін жазыңыз.
error-reason-review = Қарау үшін сіздің негіздемеңіз қажет.
error-identity-unchecked = Беру алдында өтініш берушінің жеке басын тексеріңіз.
error-outcome-choose = Таңдаңыз: рұқсат беру немесе бас тарту.
error-no-period = Беру мерзімі жоқ: сұралған мерзім көрсетілмеген.
password-change-title = Жаңа құпиясөз таңдаңыз
password-change-intro = Құпиясөзіңіз уақытша (жаңа есептік жазба немесе әкімші қалпына келтірген). Оны енгізіп, кемінде 12 таңбадан тұратын өз құпиясөзіңізді таңдаңыз.
password-change-required = Құпиясөзіңіз уақытша: өзіңіздікін таңдаңыз.
field-temporary-password = Уақытша құпиясөз
field-new-password = Жаңа құпиясөз (кемінде 12 таңба)
invalid-new-password = Жаңа құпиясөз кемінде 12 таңба болуы және уақытшадан өзгеше болуы керек.
invalid-login-taken = Бұл логин бос емес.
invalid-login = Логин: a–z, 0–9, «.», «_» және «-» таңбаларының 3-тен 64-ке дейін.
invalid-role = Тізімнен рөл таңдаңыз.
invalid-region = Тізімнен өңір таңдаңыз (өңір тек қызметкерлер мен басшыларда болады).
invalid-days = 1 күннен 366 күнге дейін.
invalid-text-control = Мұнда басқару таңбаларына (мысалы, жол ауыстыруға) жол берілмейді.
invalid-text-bidi = Мәтін бағытын өзгертетін таңбаларға жол берілмейді.
invalid-text-invisible = Көрінбейтін таңбаларға (нөлдік ені бар және пішімдеу таңбалары) жол берілмейді.
invalid-text-too-long = Мәтін тым ұзын.
nav-staff = Қызметкерлер
admin-staff-title = Қызметкерлердің есептік жазбалары
admin-col-role = Рөлі
admin-col-region = Өңірі
admin-col-state = Күйі
admin-col-actions = Әрекеттер
admin-state-active = белсенді
admin-state-disabled = өшірілген
admin-state-locked = бұғатталған
admin-state-reset = жаңа құпиясөз таңдауы керек
admin-action-reset = Құпиясөзді қалпына келтіру
admin-action-unlock = Бұғаттан шығару
admin-action-disable = Өшіру
admin-action-enable = Қосу
admin-action-add = Есептік жазба жасау
admin-action-role = Рөлді өзгерту
admin-add-title = Жаңа есептік жазба
admin-role-title = Рөлді өзгерту
admin-region-hint = (тек қызметкерлер мен басшылар үшін)
admin-role-officer = Қызметкер
admin-role-supervisor = Басшы
admin-role-operator = Мемлекеттік корпорация операторы
admin-role-auditor = Аудитор
admin-role-administrator = Әкімші
admin-temporary-password = Уақытша құпиясөз (бір рет көрсетіледі; жеке өзіңіз табыстаңыз):
admin-done-add = { $login } есептік жазбасы жасалды.
admin-done-role = { $login } рөлі өзгертілді; сеанстары аяқталды.
admin-done-reset = { $login } құпиясөзі қалпына келтірілді; келесі кіргенде жаңасын таңдайды.
admin-done-unlock = { $login } бұғаттан шығарылды.
admin-done-disable = { $login } өшірілді; сеанстары аяқталды.
admin-done-enable = { $login } қосылды.

## Тыңдау, мерзім және шағымдану (ӘРПК 73-бап; 60–62 түсіндірмелер)
state-hearing = алдын ала бас тарту туралы хабарланды: тыңдау
state-objected = қарсылық алынды: жауап беру керек
public-state-hearing = Алдын ала шешім: бас тарту. Сіз қарсылық білдіре аласыз
public-state-objection_received = Қарсылығыңыз алынды және қаралуда
event-hearing-notified = алдын ала бас тарту туралы хабарланды; қарсылық { $until } дейін
event-objected = қарсылық алынды ({ $channel })
event-hearing-lapsed = { $until } дейін қарсылық түспеді: бас тарту басшыға жіберілді
event-suspended = мерзім { $from } бастап { $until } дейін тоқтатылды: { $reason }
event-resumed = тоқтата тұру { $on } аяқталды
event-extended = мерзім { $days } күнге ұзартылды: { $reason }
event-appeal-received = шағым { $filed } берілді: { $body }
event-appeal-upheld = шағымды қараған орган актіні күшінде қалдырды
event-appeal-annulled = шағымды қараған орган актінің күшін жойды
pause-approving_body = келісетін органның жауабы күтілуде (prp.9.1.3)
pause-hearing = алдын ала бас тартуға қарсылық білдіру мерзімі
pause-missing_document = өтініш берушіден жетіспейтін құжат сұралды
pause-registry_unavailable = тексеруге қажетті тізілім қолжетімсіз
appeal-body-higher_body = ішкі істердің жоғары тұрған органы (көші-қон қызметі)
appeal-body-quality_body = мемлекеттік қызметтер сапасын бағалау жөніндегі уәкілетті орган
appeal-body-court = сот
hearing-title = Алдын ала шешім
hearing-intro = Полиция органы төмендегі негіздер бойынша рұқсат беруден бас тартуға ниетті. Шешім түпкілікті болғанға дейін сіз қарсылық білдіре аласыз (Әкімшілік рәсімдік-процестік кодекс, 73-бап).
hearing-until = Қарсылықты { $until } күнінің соңына дейін беруге болады.
hearing-lapse-note = Сол күнге дейін қарсылық түспесе, бас тарту басшыға қол қоюға жіберіледі.
hearing-grounds = Негіздер
hearing-reason = Қызметкердің негіздемесі
field-objection = Сіздің қарсылығыңыз
field-objection-help = Алдын ала шешімде не дұрыс емес екенін жазыңыз. Қарсылыққа құжаттарды полиция органына әкелуге немесе портал арқылы қоса беруге болады.
action-object = Қарсылықты жіберу
objection-received = Қарсылық { $at } алынды.
objection-sent = Қарсылығыңыз алынды. Қызметкер шешімде оған жауап беруге міндетті.
case-hearing = Бас тарту алдындағы тыңдау
case-hearing-open = Өтініш берушіге { $notified } хабарланды, ол { $until } дейін қарсылық білдіре алады.
case-hearing-lapsed = { $until } дейін қарсылық түспеді.
case-objection = Өтініш берушінің қарсылығы
field-answer = Қарсылыққа сіздің жауабыңыз
field-answer-help = Қарсылықтан кейін міндетті: шешім оған жауап береді.
case-term = Мерзім
case-term-due = Мерзімі: { $due }
term-suspended-days = Мерзім өтпеген күндер: { $days }
term-extension-days = Қосылған күндер: { $days }
term-none = Мерзім тоқтатылған да, ұзартылған да жоқ.
field-pause-reason = Себебі
field-from = Бірінші күні
field-until = Соңғы күні
field-days = Күн саны
field-note = Ескертпе (міндетті емес)
action-suspend = Мерзімді тоқтата тұру
action-resume = Тоқтата тұруды бүгін аяқтау
action-extend = Мерзімді ұзарту
appeal-title = Қалай шағымдануға болады
appeal-route = Ішкі істердің жоғары тұрған органына (көші-қон қызметі) немесе мемлекеттік қызметтер сапасын бағалау жөніндегі уәкілетті органға шағым, содан кейін сотқа (Әкімшілік рәсімдік-процестік кодекс).
appeal-until = Шағымданудың соңғы күні: { $until }.
appeal-until-provisional = Шағымданудың соңғы күні: { $until } (шешім табыс етілгенге дейін қол қойылған күннен, кейін табыс етілген күннен есептеледі).
appeal-received = Түскен шағымдар
appeal-outcome-upheld = акт күшінде қалды
appeal-outcome-annulled = акттің күші жойылды
appeal-outcome-pending = шешім күтілуде
field-appeal-body = Қайда берілді
field-filed-on = Берілген күні
field-appeal-note = Шағымды қараған органның шешімі (нөмірі мен күні немесе қысқаша мазмұны)
action-record-appeal = Шағымды тіркеу
action-appeal-upheld = Акт күшінде қалды
action-appeal-annulled = Акттің күші жойылды
error-objection-empty = Қарсылықты жазыңыз: алдын ала шешімде не дұрыс емес.
error-objection-long = Қарсылық тым ұзын (4000 таңбадан аспауы керек).
error-objection-closed = Бұл өтініш бойынша қазір қарсылық қабылданбайды: қарсылық білдіруге ашық алдын ала шешім жоқ.
error-answer-objection = Өтініш беруші қарсылық білдірді: шешімде қарсылыққа жауап беріңіз.
error-suspension-before-submission = Тоқтата тұру өтініш берілгенге дейін басталмайды.
error-suspension-order = Тоқтата тұрудың соңғы күні бірінші күнінен ерте болмайды.
error-suspension-long = Тоқтата тұру бір жолы 90 күннен аспайды.
error-not-suspended = Мерзім бүгіннен кейін тоқтатылмаған.
error-extension-days = Ұзарту 1-ден 30 күнге дейін қосады.
error-date-future = Күн болашақта болмауы керек.
error-appeal-note = Шағымды қараған органның шешімін көрсетіңіз (нөмірі мен күнін немесе қысқаша мазмұнын).
flash-objected = Қарсылық тіркелді; шешімде оған жауап беріңіз.
flash-term = Мерзім өзгертілді; орындау мерзімі қайта есептелді.
flash-appeal = Шағым тіркелді.
sla-suspended-cases = Мерзімі тоқтатылған немесе ұзартылған істер
sla-suspended-days = Мерзімдер өтпеген күндер (бөлек есептелген)
sla-extension-days = Ұзартумен қосылған күндер
impact-title = Өзгерістің салдары
impact-intro = Параметрлер және/немесе күнтізбе жобасын қойыңыз (TOML, құқық файлдары сияқты). Қаралып жатқан әр іс қолданыстағы құқық және жоба бойынша шешіледі; нәтижесі, негіздері, құжаттары, мерзімі, бажы немесе қолданылу мерзімі өзгеретін істер көрсетіледі. Ештеңе өзгертілмейді.
field-draft-parameters = Параметрлер жобасы (TOML)
field-draft-calendar = Күнтізбе жобасы (TOML)
action-assess = Салдарын бағалау
impact-summary = Қаралып жатқан { $assessed } іс бағаланды; { $changed } іс өзгерер еді.
col-what = Не өзгереді
col-current = Қолданыстағы құқық бойынша
col-draft = Жоба бойынша
impact-what-outcome = нәтиже
impact-what-grounds = негіздер
impact-what-missing_documents = жетіспейтін құжаттар
impact-what-invalid_documents = қабылданбайтын құжаттар
impact-what-due_at = мерзім
impact-what-fee_kzt = баж (теңге)
impact-what-valid_until = қолданылу мерзімі
impact-what-error = жоба бойынша істі шешу мүмкін емес
nav-impact = Өзгерістің салдары
error-suspension-backdated = Тоқтата тұру бүгіннен ерте басталмайды (басшы 10 күнге дейін бұрынғы күнді көрсете алады).
error-term-calendar = Жаңа мерзім жарияланған өндірістік күнтізбенің шегінен тыс аяқталар еді.
error-appeal-before-act = Шағым акт күні немесе одан кейін беріледі.
invalid-consent = Қолжетімділігі шектеулі дербес деректерді пайдалануға келісімді белгілеңіз: онсыз рұқсат қаралмайды (№ 992 Қағидалар, trp.9.4 негізі).
tracker-title = Ісіңізге кім қарады
tracker-intro = Қызметкер өтінішіңізді, оның құжатын ашқан немесе басып шығарған сайын бұл жазылады; сіз атын емес, рөлі мен органын көресіз.
tracker-none = Қызметкерлер ісіңізге әлі қараған жоқ.
tracker-col-what = Не
tracker-col-who = Кім
tracker-action-read_case = өтінішті ашты
tracker-action-read_document = құжатты ашты
tracker-action-print = құжатты басып шығарды
tracker-body-police = көші-қон полициясы
admin-role-staff = қызметкер
