# Ruqsat: тексты веб-страниц, русский язык.
# Каждое сообщение здесь должно быть также в kk и en (проверяется тестом).

## Рамка страницы

app-name = Ruqsat
app-tagline = Разрешения на временное и постоянное проживание для иностранцев и лиц без гражданства в Республике Казахстан.
skip-to-content = Перейти к содержанию
nav-label = Главное меню
nav-home = Главная
nav-portal = Подать заявление онлайн
nav-status = Статус заявления
nav-verify = Проверить разрешение
nav-queue = Очередь
nav-desk = Приём и выдача
nav-login = Вход для сотрудников
nav-logout = Выйти
lang-switch = Язык
footer-text = Министерство внутренних дел Республики Казахстан · миграционная служба. Демонстрационная система: все лица в ней вымышлены.

## Ошибки

error-invalid = Некорректный запрос
error-unauthenticated = Пожалуйста, войдите в систему
error-csrf = Срок действия формы истёк. Вернитесь назад, обновите страницу и отправьте форму ещё раз.
error-too-many-logins = Слишком много неудачных попыток входа. Вход временно заблокирован; попробуйте через 15 минут или обратитесь к администратору.
error-forbidden = У вас нет прав на это действие
error-not-found = Здесь ничего не найдено
error-conflict = За это время в дело были внесены изменения
error-internal = На нашей стороне произошла ошибка; пожалуйста, попробуйте позже
form-has-errors = Пожалуйста, исправьте ошибки в форме:
invalid-required = Заполните это поле.
invalid-citizenship = Три латинские буквы — код страны по ISO (например, UZB).
invalid-iin = Двенадцать цифр.
invalid-value-check = Это значение не принято: проверьте его.
invalid-value = Это значение не принято ({ $detail }).
invalid-sign = Чтобы подать заявление, подпишите его электронной цифровой подписью.

## Главная

home-title = Государственные услуги для иностранцев
home-portal = Подайте заявление на разрешение на временное проживание, не выходя из дома, с помощью электронной цифровой подписи.
home-status = Следите за ходом рассмотрения заявления по его номеру и номеру вашего паспорта или ИИН.
home-verify = Проверьте подлинность и действительность разрешения по его номеру или QR-коду.
home-staff = Для сотрудников
home-staff-text = Сотрудники миграционной полиции, руководители и операторы Государственной корпорации.

## Статус и личный кабинет

status-title = Статус заявления
status-intro = Введите номер заявления и номер паспорта или ИИН заявителя. Другие сведения о заявлении не показываются.
field-number = Номер заявления
field-document = Номер паспорта или ИИН
action-lookup = Показать статус
status-not-found = Заявление с таким номером и документом не найдено. Проверьте оба значения и попробуйте ещё раз.
status-case = Заявление { $number }
status-due = Результат будет готов не позднее
status-history = История рассмотрения
status-registries = В какие государственные реестры направлялись запросы
status-registries-intro = Чтобы проверить ваше заявление, полиция направляет запросы в другие государственные реестры. Каждый запрос фиксируется с указанием его правового основания.
status-registries-none = Запросы в реестры ещё не направлялись.
col-when = Когда
col-registry = Реестр
col-basis = Правовое основание
col-answered = Ответ получен
public-state-under_consideration = На рассмотрении
public-state-not_accepted = Не принято: пакет документов неполный
public-state-decided = Решение принято
public-state-ready_for_collection = Готово: результат можно получить
public-state-handed_over = Выдано
public-state-revoked = Аннулировано
cabinet-title = Личный кабинет
cabinet-intro = Войдите, чтобы увидеть своё заявление и скачать его результат. (На портале «электронного правительства» вход выполняется с помощью электронной цифровой подписи; в этой демонстрации запрашиваются номер заявления и номер паспорта или ИИН.)
action-open-cabinet = Открыть кабинет
cabinet-documents = Результат
cabinet-download-permit = Скачать разрешение (PDF)
cabinet-download-refusal = Скачать мотивированный отказ (PDF)
cabinet-no-documents = Результат ещё не готов.

## Проверка

verify-title = Проверка разрешения
verify-intro = Отсканируйте QR-код на разрешении или введите его номер. В ответе будет указано, действительно ли разрешение на сегодняшний день.
col-permit-number = Номер разрешения
action-verify = Проверить
verify-valid = Действительно
verify-revoked = Аннулировано: это разрешение больше не действительно
verify-expired = Срок действия истёк
verify-not_yet_valid = Ещё не действует
verify-unknown = Не найдено: разрешение с таким номером не выдавалось
verify-seal-ok = Электронная печать QR-кода подлинная: приведённые ниже данные подписаны системой, выдавшей разрешение.
verify-seal-demo = Это образец: печать поставлена ключом демонстрационной установки. Это не разрешение.
demo-banner = Демонстрационная установка: вымышленные люди и дела; документы, запечатанные здесь, — образцы, а не разрешения.
verify-seal-bad = Электронная печать QR-кода не прошла проверку: разрешение поддельное или в него внесены изменения.
verify-validity = Срок действия
verify-permanent = бессрочно
label-name = Фамилия, имя, отчество
label-birth-date = Дата рождения
label-citizenship = Гражданство
label-passport = Паспорт
label-iin = ИИН

## Вход для сотрудников

login-title = Вход для сотрудников
field-login = Логин
field-password = Пароль
action-login = Войти
login-failed = Неверный логин или пароль.
login-demo-hint = Демонстрационные учётные записи: officer.almaty, supervisor.almaty, operator.sc (пароли выводятся при запуске сервиса с параметром --demo).

## Очередь

queue-title = Очередь дел
queue-count = { $count ->
    [one] { $count } открытое дело
    [few] { $count } открытых дела
    [many] { $count } открытых дел
   *[other] { $count } открытых дел
}, из них просрочено: { $overdue }
queue-shown = Показаны { $shown } дел с ближайшим сроком.
queue-empty = Дел нет.
queue-overdue = просрочено
queue-due-today = срок сегодня
col-number = Номер
col-service = Услуга
col-channel = Канал
col-state = Статус
col-due = Срок
col-proposal = Предложение
col-outcome = Итог
col-who = Кто
col-reason = Причина
col-check = Проверка
col-result = Результат
col-source = Источник
state-submitted = подано
state-not_accepted = не принято
state-accepted = принято
state-checks_running = идут проверки
state-checks_pending = ожидаются результаты проверок
state-checks_done = проверки завершены
state-proposed = предложение готово
state-awaiting_signature = ожидает подписи руководителя
state-permit_issued = разрешение выдано
state-refusal_issued = отказ оформлен
state-delivered = направлено в канал выдачи
state-handed_over = выдано
state-revoked = аннулировано
check-source-chk-1 = сотрудник, по перечню документов
check-source-chk-2 = Пограничная служба, «Беркут»
check-source-chk-3 = Комитет по правовой статистике и специальным учетам (Генеральная прокуратура); розыскные учёты МВД
check-source-chk-4 = реестр ИИН (Комитет государственных доходов)
check-source-chk-5 = учёты миграционной полиции (РВП работодателя для работы в домашнем хозяйстве)
check-source-chk-6 = учёты миграционной полиции (заявления на разрешение на постоянное проживание)
check-source-chk-7 = реестр дактилоскопической регистрации

## Дело

case-title = Дело { $number }
case-applicant = Заявитель
case-family = Члены семьи
case-host = Принимающая сторона
case-none = нет
case-documents = Документы в пакете
case-uploads = Отсканированные документы
case-checks = Проверки
case-proposal = Предложение системы
case-grounds = Основания
case-explanation = Как сформировано предложение
case-edition = Редакция Правил
case-no-proposal = Проверки ещё не завершены.
case-actions = Действия
case-decision = Решение
case-appeal = Отказ можно обжаловать до { $until }.
case-signature-needed = Отказ вступает в силу только после подписания руководителем.
case-awaiting-signature = Отказ ожидает подписи руководителя.
field-outcome = Решение
action-issue = Выдать разрешение
action-refuse = Отказать
field-reason = Обоснование
field-reason-help = Обязательно при отказе, а также если ваше решение расходится с предложением системы.
field-ground = Установленное вами основание (необязательно)
field-finding-note = Факты, подтверждающие это основание
action-decide = Зафиксировать решение
field-sign-reason = Замечание (обязательно при возврате отказа)
action-sign = Подписать отказ
action-return = Вернуть сотруднику
action-deliver-desk = Распечатать для выдачи при личном обращении
action-deliver-state_corporation = Направить в Государственную корпорацию
action-deliver-portal = Разместить в личном кабинете заявителя
field-identity-checked = Я проверил(а) документ, удостоверяющий личность получателя результата
action-handover = Выдать
action-print-permit = Распечатать разрешение (PDF)
action-print-refusal = Распечатать отказ (PDF)
action-print-questionnaire = Распечатать анкету-заявление (PDF)
case-history = История
case-registry-queries = Запросы в реестры
flash-decided = Решение зафиксировано.
flash-signed = Подпись зафиксирована.
flash-delivered = Результат направлен в канал выдачи.
flash-handed-over = Результат выдан.
flash-submitted = Заявление подано.

## Приём и выдача

desk-title = Приём и выдача документов в Государственной корпорации
desk-title-police = Приём и выдача документов в миграционной полиции
desk-new-trp = Новое заявление на РВП
desk-new-prp = Новое заявление на ПМЖ
desk-ready = Результаты к выдаче

## Анкета-заявление

portal-title = Заявление на разрешение на временное проживание
portal-intro = Выберите цель пребывания в Казахстане. Затем мы спросим только то, что нужно в вашем случае, и подскажем, какие документы приложить и когда вы получите ответ.
portal-choose = Цель вашего пребывания
portal-cabinet-link = Мои заявления (личный кабинет)
action-continue = Продолжить
section-purpose = Цель
field-subtype = Цель пребывания
field-categories = Основания, которые относятся к заявителю
field-region = Регион органа полиции
action-update-checklist = Обновить перечень документов
section-applicant = Заявитель
section-applicant-hint = Пишите фамилию, имя и отчество латинскими буквами точно так, как в паспорте.
field-surname = Фамилия
field-given-name = Имя
field-patronymic = Отчество (при наличии)
field-birth-date = Дата рождения
field-sex = Пол
sex-male = мужской
sex-female = женский
field-citizenship = Гражданство (код ISO)
field-birth-place = Место рождения
field-nationality = Национальность
field-iin = ИИН (при наличии)
field-passport-number = Номер паспорта
field-passport-issued = Дата выдачи паспорта
field-passport-expires = Паспорт действителен до
field-residence-abroad = Страна и адрес постоянного проживания
section-address = Адрес в Казахстане
field-address-region = Регион
field-address-city = Город или населённый пункт
field-address-street = Улица
field-address-house = Дом
field-address-apartment = Квартира
field-registration-code = Регистрационный код адреса
field-phone = Мобильный телефон
field-email = Электронная почта
field-language = Язык уведомлений
section-period = Срок
field-period-from = Дата начала
field-period-to = Дата окончания
field-contract-ends = Дата окончания трудового договора
field-stay-until = Дата окончания разрешённого срока пребывания
section-host = Принимающая сторона
field-host-kind = Принимающая сторона
host-legal_entity = юридическое лицо
host-individual = физическое лицо
field-host-name = Наименование или ФИО принимающей стороны
field-host-id = ИИН или БИН принимающей стороны
field-host-bin = БИН юридического лица
field-host-iin = ИИН физического лица
field-host-owns-housing = Принимающая сторона является собственником жилища
section-family = Член семьи, прибывший вместе с вами
section-family-hint = Заполните, только если член семьи подаёт заявление вместе с вами.
field-relation = Степень родства
section-documents = Документы
documents-intro = Отметьте документы, которые вы прилагаете. Перечень составлен по Правилам для выбранной вами цели.
documents-one-of = Один из следующих:
deadline-if-now = Если подать заявление сейчас, результат будет готов не позднее { $due }.
section-consents = Согласия
field-consent = Согласен(на) на использование сведений, составляющих охраняемую законом тайну, содержащихся в информационных системах.
field-warning = Предупреждён(а) об ответственности по статье 518 Кодекса об административных правонарушениях.
field-sign = Подписываю это заявление своей электронной цифровой подписью (ЭЦП) (в этой демонстрации подписание имитируется).
action-submit = Подать заявление
receipt-accepted = Заявление принято
receipt-not-accepted = Заявление не принято
receipt-what-to-bring = Что нужно принести
receipt-follow = Сохраните номер: по нему и номеру паспорта вы сможете следить за заявлением на странице статуса.

## Цели пребывания простыми словами

subtype-family_reunification = воссоединение семьи
subtype-family_reunification-help = Вы переезжаете к члену семьи, который живёт в Казахстане.
subtype-labour = работа
subtype-labour-help = Вы работаете в Казахстане у работодателя — с разрешением на трудовую деятельность или без него, если вы от него освобождены (например, граждане государств — членов ЕАЭС).
subtype-study = учёба
subtype-study-help = Вы учитесь в казахстанской школе, колледже или университете.
subtype-medical_treatment = лечение
subtype-medical_treatment-help = Вы проходите лечение в казахстанской больнице.
subtype-missionary = миссионерская деятельность
subtype-missionary-help = Вы ведёте миссионерскую деятельность, зарегистрированную в установленном порядке.
subtype-business_immigrant = предпринимательство
subtype-business_immigrant-help = Вы ведёте бизнес в Казахстане как бизнес-иммигрант.
subtype-trafficking_victim = жертва торговли людьми
subtype-trafficking_victim-help = Вы признаны в Казахстане жертвой торговли людьми.
subtype-prp_applicant = ожидание разрешения на постоянное проживание
subtype-prp_applicant-help = Вы подали заявление на разрешение на постоянное проживание и находитесь в стране, пока оно рассматривается.

## Родство, регионы

relation-spouse = супруг(а)
relation-child = ребёнок
relation-parent = родитель
relation-sibling = брат или сестра
relation-grandparent = дедушка или бабушка
relation-grandchild = внук или внучка
relation-other = другой родственник
region-abai = Абайская область
region-akmola = Акмолинская область
region-aktobe = Актюбинская область
region-almaty = город Алматы
region-almaty_region = Алматинская область
region-astana = город Астана
region-atyrau = Атырауская область
region-east_kazakhstan = Восточно-Казахстанская область
region-jambyl = Жамбылская область
region-jetisu = область Жетісу
region-karaganda = Карагандинская область
region-kostanay = Костанайская область
region-kyzylorda = Кызылординская область
region-mangystau = Мангистауская область
region-north_kazakhstan = Северо-Казахстанская область
region-pavlodar = Павлодарская область
region-shymkent = город Шымкент
region-turkistan = Туркестанская область
region-ulytau = область Ұлытау
region-west_kazakhstan = Западно-Казахстанская область

## Документы

issuing-body = Департамент полиции ({ $region })
refusal-appeal = Решение может быть обжаловано до { $until } в вышестоящий орган внутренних дел (миграционную службу), а затем в суд в порядке, установленном Административным процедурно-процессуальным кодексом.
registry-domestic_work_trps = учёты миграционной полиции: РВП для работы у физических лиц по работодателю
registry-citizenship = учёты по гражданству

## Аннулирование

nav-revocations = Аннулирование
revocations-title = Кандидаты на аннулирование
revocations-intro = Владельцы разрешений, у которых проверка выявила основание статьи 49 Закона о миграции населения, с доказательствами. Ничего не аннулируется без мотивированного решения сотрудника и подписи руководителя.
candidate-state-open = на рассмотрении
candidate-state-awaiting_signature = предложено аннулирование, ожидается подпись руководителя
candidate-state-revoked = аннулировано
candidate-state-dismissed = отклонено
evidence-period = Двенадцатимесячный период
evidence-days = Дней пребывания / минимум
evidence-unknown = Дней без данных (ошибки в данных)
evidence-crossings = Использованные пересечения
evidence-found = Выявлено проверкой от
evidence-finding = Что сообщил реестр
action-propose-revocation = Предложить аннулирование
action-dismiss = Отклонить
action-sign-revocation = Подписать аннулирование
revocations-open-case = Открыть дело владельца

## Статистика

nav-reports = Статистика
dashboard-title = Статистика и сроки
action-show = Показать
action-export-csv = Выгрузить в CSV
dashboard-terms = Сроки оказания услуги
sla-cases = Заявлений подано за период
sla-decided = Решено (разрешение выдано или отказ подписан)
sla-within-term = Решено в установленный срок
sla-median = Медиана времени до решения, часов
sla-p90 = 90-й процентиль времени до решения, часов
sla-overdue = Открытых дел с нарушением срока сейчас
dimension-service = По услугам
dimension-subtype = По целям РВП
dimension-channel = По каналам
dimension-region = По регионам
dimension-outcome = По результатам
dimension-ground = По основаниям отказа
report-outcome-open = на рассмотрении
report-outcome-revoked = аннулировано
col-value = Значение
col-count = Дел

## История дела: причина каждого изменения (хранится кодами, выводится здесь).
event-submitted = подано через: { $channel }; принято
event-submitted-not-accepted = подано через: { $channel }; не принято: { $reasons }
event-asking-registries = запрос в реестры
event-awaiting = ожидаются ответы: { $registries }; повторный запрос позже
event-registries-answered = все реестры ответили
event-proposed = система предлагает: { $outcome } (редакция { $edition })
event-confirms-proposal = подтверждает предложение системы
event-second-signature = вторая подпись
event-delivered-desk = распечатано в подразделении
event-delivered-state_corporation = направлено в систему Государственной корпорации
event-delivered-portal = размещено в личном кабинете заявителя на портале
event-identity-checked = личность проверена
event-revoked = аннулировано по основанию { $ground } ({ $source }): { $reasoning }
acceptance-presence = подавшее лицо не вправе обращаться за этой услугой
acceptance-is_data = сведения из информационных систем
acceptance-age16 = обращение после 16-летия
acceptance-late = обращение с пропуском срока
acceptance-complete = неполный пакет документов
acceptance-channel = услуга не оказывается через этот канал
acceptance-fingerprints = дактилоскопическая регистрация
acceptance-hours = подано вне часов приёма заявлений

## Правовые основания запросов в реестры (хранятся кодами).
basis-rules992-p9_1-2 = Правила № 992, п. 9-1, подп. 2
basis-rules992-p9_1-3 = Правила № 992, п. 9-1, подп. 3
basis-rules992-p9_1-4 = Правила № 992, п. 9-1, подп. 4
basis-rules992-p9_1-6 = Правила № 992, п. 9-1, подп. 6
basis-rules992-p9_1-7 = Правила № 992, п. 9-1, подп. 7
basis-migration-art43_2-p5 = Закон «О миграции населения», ст. 43-2, п. 5
basis-migration-art49-13 = Закон «О миграции населения», ст. 49, подп. 13
basis-migration-art49-10-18 = Закон «О миграции населения», ст. 49, подп. 10, 18
basis-migration-art49-20 = Закон «О миграции населения», ст. 49, подп. 20
basis-migration-art49-21 = Закон «О миграции населения», ст. 49, подп. 21
basis-migration-art49-16 = Закон «О миграции населения», ст. 49, подп. 16
basis-rules992-app3-6-tax = Правила № 992, приложение 3, п. 6; Налоговый кодекс
basis-migration-art49-p1 = Закон «О миграции населения», ст. 49, п. 1 (аннулирование разрешения на постоянное проживание)

## Формы, отклонённые по правилу услуги.
error-reason-refusal = Для отказа нужно ваше обоснование: напишите, почему в разрешении отказано.
error-reason-departs = Ваше решение расходится с предложением системы: укажите обоснование.
error-reason-return = Чтобы вернуть отказ сотруднику, укажите причину.
error-reason-review = Для рассмотрения нужно ваше обоснование.
error-identity-unchecked = Перед выдачей проверьте личность заявителя.
error-outcome-choose = Выберите: выдать разрешение или отказать.
error-no-period = Нет срока для выдачи: не указан запрашиваемый срок.
password-change-title = Выберите новый пароль
password-change-intro = Ваш пароль временный (новая учётная запись или сброс администратором). Введите его и выберите свой — не короче 12 символов.
password-change-required = Ваш пароль временный: выберите свой.
field-temporary-password = Временный пароль
field-new-password = Новый пароль (не короче 12 символов)
invalid-new-password = Новый пароль должен быть не короче 12 символов и отличаться от временного.
invalid-login-taken = Этот логин уже занят.
invalid-login = Логин: от 3 до 64 символов a–z, 0–9, «.», «_» и «-».
invalid-role = Выберите роль из списка.
invalid-region = Выберите регион из списка (регион есть только у сотрудников и руководителей).
invalid-days = От 1 до 366 дней.
invalid-text-control = Управляющие символы (например, переводы строки) здесь не допускаются.
invalid-text-bidi = Символы, меняющие направление текста, не допускаются.
invalid-text-invisible = Невидимые символы (нулевой ширины и форматирующие) не допускаются.
invalid-text-too-long = Текст слишком длинный.
nav-staff = Сотрудники
admin-staff-title = Учётные записи сотрудников
admin-col-role = Роль
admin-col-region = Регион
admin-col-state = Состояние
admin-col-actions = Действия
admin-state-active = активна
admin-state-disabled = отключена
admin-state-locked = заблокирована
admin-state-reset = нужно выбрать новый пароль
admin-action-reset = Сбросить пароль
admin-action-unlock = Разблокировать
admin-action-disable = Отключить
admin-action-enable = Включить
admin-action-add = Создать учётную запись
admin-action-role = Изменить роль
admin-add-title = Новая учётная запись
admin-role-title = Изменить роль
admin-region-hint = (только для сотрудников и руководителей)
admin-role-officer = Сотрудник
admin-role-supervisor = Руководитель
admin-role-operator = Оператор Госкорпорации
admin-role-auditor = Аудитор
admin-role-administrator = Администратор
admin-temporary-password = Временный пароль (показан один раз; передайте его лично):
admin-done-add = Учётная запись { $login } создана.
admin-done-role = Роль { $login } изменена; сеансы завершены.
admin-done-reset = Пароль { $login } сброшен; при следующем входе нужно выбрать новый.
admin-done-unlock = { $login } разблокирована.
admin-done-disable = { $login } отключена; сеансы завершены.
admin-done-enable = { $login } включена.

## Заслушивание, срок и обжалование (АППК ст. 73; толкования 60–62)
state-hearing = уведомлён о предварительном отказе: заслушивание
state-objected = получено возражение: требуется ответ
public-state-hearing = Предварительное решение: отказ. Вы можете возразить
public-state-objection_received = Ваше возражение получено и рассматривается
event-hearing-notified = направлено уведомление о предварительном отказе; возражения до { $until }
event-objected = получено возражение ({ $channel })
event-hearing-lapsed = до { $until } возражений не поступило: отказ передан руководителю
event-suspended = срок приостановлен с { $from } по { $until }: { $reason }
event-resumed = приостановление окончено { $on }
event-extended = срок продлён на { $days } дн.: { $reason }
event-appeal-received = жалоба подана { $filed }: { $body }
event-appeal-upheld = орган по жалобе оставил акт в силе
event-appeal-annulled = орган по жалобе отменил акт
pause-approving_body = ожидается ответ согласующего органа (prp.9.1.3)
pause-hearing = срок для возражения на предварительный отказ
pause-missing_document = у заявителя запрошен недостающий документ
pause-registry_unavailable = недоступен реестр, нужный для проверок
appeal-body-higher_body = вышестоящий орган внутренних дел (миграционная служба)
appeal-body-quality_body = уполномоченный орган по оценке качества государственных услуг
appeal-body-court = суд
hearing-title = Предварительное решение
hearing-intro = Орган полиции намерен отказать в разрешении по указанным ниже основаниям. До окончательного решения вы можете представить возражение (Административный процедурно-процессуальный кодекс, ст. 73).
hearing-until = Возражение можно представить до конца дня { $until }.
hearing-lapse-note = Если к этому дню возражение не поступит, отказ будет передан руководителю на подпись.
hearing-grounds = Основания
hearing-reason = Обоснование сотрудника
field-objection = Ваше возражение
field-objection-help = Укажите, что неверно в предварительном решении. Документы к возражению можно принести в орган полиции или приложить через портал.
action-object = Отправить возражение
objection-received = Возражение получено { $at }.
objection-sent = Ваше возражение получено. Сотрудник обязан ответить на него в решении.
case-hearing = Заслушивание перед отказом
case-hearing-open = Заявитель уведомлён { $notified } и может возразить до { $until }.
case-hearing-lapsed = До { $until } возражений не поступило.
case-objection = Возражение заявителя
field-answer = Ваш ответ на возражение
field-answer-help = Обязателен после возражения: решение отвечает на него.
case-term = Срок
case-term-due = Срок: { $due }
term-suspended-days = Дней, в которые срок не тёк: { $days }
term-extension-days = Добавлено дней: { $days }
term-none = Срок не приостанавливался и не продлевался.
field-pause-reason = Причина
field-from = Первый день
field-until = Последний день
field-days = Дней
field-note = Примечание (необязательно)
action-suspend = Приостановить срок
action-resume = Окончить приостановление сегодня
action-extend = Продлить срок
appeal-title = Как обжаловать
appeal-route = Жалоба в вышестоящий орган внутренних дел (миграционная служба) или в уполномоченный орган по оценке качества государственных услуг, затем в суд (Административный процедурно-процессуальный кодекс).
appeal-until = Последний день для обжалования: { $until }.
appeal-until-provisional = Последний день для обжалования: { $until } (считается от подписи, а после вручения решения — от вручения).
appeal-received = Поступившие жалобы
appeal-outcome-upheld = акт оставлен в силе
appeal-outcome-annulled = акт отменён
appeal-outcome-pending = ожидается решение
field-appeal-body = Куда подана
field-filed-on = День подачи
field-appeal-note = Решение органа по жалобе (номер и дата или краткое содержание)
action-record-appeal = Зарегистрировать жалобу
action-appeal-upheld = Акт оставлен в силе
action-appeal-annulled = Акт отменён
error-objection-empty = Напишите возражение: что неверно в предварительном решении.
error-objection-long = Возражение слишком длинное (не более 4000 знаков).
error-objection-closed = Возражения по этому заявлению сейчас не принимаются: нет предварительного решения, открытого для возражений.
error-answer-objection = Заявитель возразил: ответьте на возражение в решении.
error-suspension-before-submission = Приостановление не может начаться раньше подачи заявления.
error-suspension-order = Последний день приостановления не раньше первого.
error-suspension-long = Приостановление длится не более 90 дней за раз.
error-not-suspended = Срок не приостановлен после сегодняшнего дня.
error-extension-days = Продление добавляет от 1 до 30 дней.
error-date-future = День не может быть в будущем.
error-appeal-note = Укажите решение органа по жалобе (номер и дату или краткое содержание).
flash-objected = Возражение зарегистрировано; ответьте на него в решении.
flash-term = Срок изменён; срок исполнения пересчитан.
flash-appeal = Жалоба зарегистрирована.
sla-suspended-cases = Дел с приостановленным или продлённым сроком
sla-suspended-days = Дней, в которые сроки не текли (учтены отдельно)
sla-extension-days = Дней добавлено продлениями
impact-title = Последствия изменения
impact-intro = Вставьте проект параметров и/или календаря (TOML, как файлы права). Каждое дело на рассмотрении решается по действующему праву и по проекту; показываются дела, у которых изменились бы результат, основания, документы, срок, пошлина или срок действия. Ничего не меняется.
field-draft-parameters = Проект параметров (TOML)
field-draft-calendar = Проект календаря (TOML)
action-assess = Оценить последствия
impact-summary = Оценено дел на рассмотрении: { $assessed }; изменились бы: { $changed }.
col-what = Что меняется
col-current = По действующему праву
col-draft = По проекту
impact-what-outcome = результат
impact-what-grounds = основания
impact-what-missing_documents = недостающие документы
impact-what-invalid_documents = непринимаемые документы
impact-what-due_at = срок
impact-what-fee_kzt = пошлина (тенге)
impact-what-valid_until = срок действия
impact-what-error = проект не позволяет решить дело
nav-impact = Последствия изменения
error-suspension-backdated = Приостановление начинается не раньше сегодняшнего дня (руководитель может указать до 10 дней назад).
error-term-calendar = Новый срок закончился бы за пределами опубликованного производственного календаря.
error-appeal-before-act = Жалоба подаётся в день акта или позже.
invalid-consent = Отметьте согласие на использование сведений ограниченного доступа: без него разрешение не может быть рассмотрено (Правила № 992, основание trp.9.4).
tracker-title = Кто обращался к вашему делу
tracker-intro = Каждый раз, когда сотрудник открывает ваше заявление, его документ или печатает его, это записывается; вы видите роль и орган, но не имя.
tracker-none = Сотрудники ещё не обращались к вашему делу.
tracker-col-what = Что
tracker-col-who = Кто
tracker-action-read_case = открыл заявление
tracker-action-read_document = открыл документ
tracker-action-print = распечатал документ
tracker-body-police = миграционная полиция
admin-role-staff = сотрудник
public-state-permit_issued = Разрешение выдано
public-state-permit_ready = Разрешение готово: его можно получить
public-state-permit_handed_over = Разрешение получено
public-state-refused = Отказано
public-next-under_consideration = Сейчас ничего делать не нужно: орган полиции рассматривает заявление и сообщит о решении по SMS или электронной почте.
public-next-not_accepted = Заявление не принято: принесите или отправьте недостающее (см. выше) и подайте заново.
public-next-hearing = Прочитайте предварительное решение ниже. Если вы не согласны, подайте возражение до последнего дня.
public-next-objection_received = Сейчас ничего делать не нужно: сотрудник ответит на ваше возражение в решении.
public-next-permit_issued = Разрешение направляется в место подачи (или в личный кабинет на портале).
public-next-permit_ready = Получите разрешение, предъявив паспорт (на портале: скачайте его в личном кабинете).
public-next-permit_handed_over = Разрешение у вас. Если останетесь дольше, подайте на новое до окончания срока.
public-next-refused = В отказе указаны причины. Его можно обжаловать: как и до какого дня — ниже.
public-next-revoked = Разрешение больше не действует. В решении указаны причины и порядок обжалования.
status-held-by = Ваше дело ведёт:
status-held-by-sc = принято Государственной корпорацией «Правительство для граждан»
error-not-found-detail = По этому адресу страницы нет. Проверьте адрес или начните с главной страницы.
