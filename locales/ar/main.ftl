# متجر دكان — العربية.
# المفاتيح بالصيغة area-thing-state. الأعداد تُختار صيغتها بـ PLURAL($count) (قواعد CLDR، انظر crates/i18n).

site-name = دكان
footer-tagline = دكان — محل الحتة، أونلاين. الأسعار بالجنيه المصري والتوصيل لكل مصر.

nav-skip-to-content = انتقل إلى المحتوى
nav-categories = الأقسام
nav-language-switch = English
nav-home = الرئيسية
nav-breadcrumbs = مسار التنقل

home-title = تسوّق أونلاين في مصر
home-description = قهوة وأدوات مطبخ وملابس وإكسسوارات ومستحضرات تجميل بأسعار عادلة، مع التوصيل لكل مصر.
home-heading = كل ما يحتاجه بيتك في محل واحد
home-tagline = منتجات مختارة بعناية وبأسعار أمينة، توصيل لكل المحافظات الـ٢٧.
home-categories = تسوّق حسب القسم
home-featured = وصل حديثًا

product-count = { PLURAL($count) ->
    [zero] لا توجد منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
product-quantity = الكمية
product-quantity-decrease = تقليل الكمية
product-quantity-increase = زيادة الكمية
product-related = المزيد من هذا القسم

home-deals = عروض
listing-count = { PLURAL($count) ->
    [zero] لا توجد منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
listing-empty = لا يوجد ما يطابق هذه الاختيارات. جرّب إزالة أحدها أو ابحث عن شيء آخر.
filters-heading = تصفية
filters-categories = الأقسام
filters-price = السعر (جنيه)
filters-price-min = من
filters-price-max = إلى
filters-in-stock = المتوفر فقط
filters-apply = تطبيق
filters-clear = مسح الاختيارات
sort-label = الترتيب
sort-relevance = الأنسب
sort-price-asc = السعر: من الأقل للأعلى
sort-price-desc = السعر: من الأعلى للأقل
sort-newest = الأحدث
pager-label = الصفحات
pager-previous = السابق
pager-next = التالي
pager-page = الصفحة { $count }
search-label = ابحث عن منتجات
search-placeholder = ابحث عن منتج…
search-submit = بحث
search-suggestions-count = توجد اقتراحات. استخدم السهمين لأعلى ولأسفل للاختيار.
search-heading = نتائج البحث عن «{ $query }»
search-heading-empty = البحث
search-partial = لا يوجد منتج يحتوي على كل هذه الكلمات؛ هذه المنتجات تحتوي على أغلبها.
search-description = ابحث في المتجر بالعربي أو بالإنجليزي.
param-page-title = في مشكلة في هذا العنوان
param-page-reset = اعرض الصفحة بدون اختيارات
product-sale = تخفيض
product-sold-out = نفد
product-out-of-stock = غير متوفر
product-in-stock = متوفر
product-stock-low = { PLURAL($count) ->
    [one] باقي قطعة واحدة فقط
    [two] باقي قطعتان فقط
    [few] باقي { $count } قطع فقط
    [many] باقي { $count } قطعة فقط
   *[other] باقي { $count } قطعة فقط
}
product-sku = رمز المنتج:
product-show-variant = اعرض هذا الاختيار
product-was-price = السعر قبل التخفيض

not-found-title = الصفحة غير موجودة
not-found-text = لم نجد الصفحة التي طلبتها. ربما نُقلت، أو أن الرابط مكتوب بشكل خاطئ.
not-found-home = العودة إلى الصفحة الرئيسية

error-title = حدث خطأ ما
error-internal = تعذّر تحميل هذه الصفحة. من فضلك حاول مرة أخرى بعد قليل.
error-request = تعذّر إتمام طلبك. من فضلك تأكد من اتصالك وحاول مرة أخرى.
error-unauthorized = من فضلك سجّل الدخول للمتابعة.
error-forbidden = ليس لديك صلاحية للوصول إلى هذا.
error-not-found = لم نجد ما تبحث عنه.
error-form = من فضلك راجع النموذج.

# API parameters ($name is the parameter as sent, e.g. page).
param-invalid = لا يمكن استخدام قيمة «{ $name }».
param-out-of-range = يجب أن تكون قيمة «{ $name }» عددًا صحيحًا من { $min } إلى { $max }.
param-too-long = قيمة «{ $name }» أطول من المسموح.
param-min-above-max = الحد الأدنى للسعر أعلى من الحد الأقصى.
param-unknown = «{ $name }» ليس من معاملات هذا العنوان.
param-too-many = قيم التصفية كثيرة جدًا: يمكن الجمع بين { $max } قيمة على الأكثر.

nav-sign-in = تسجيل الدخول
nav-sign-out = تسجيل الخروج
nav-admin = الإدارة

form-pending = من فضلك انتظر…
form-saved = تم الحفظ.
form-save = حفظ
form-fix-errors = من فضلك صحّح الحقول المحددة.

invalid-required = هذا الحقل مطلوب.
invalid-too-long = هذا أطول من اللازم.
invalid-email = اكتب بريدًا إلكترونيًا صحيحًا مثل name@example.com.
invalid-password-short = استخدم ٨ أحرف على الأقل.
invalid-password-long = استخدم ١٢٨ حرفًا على الأكثر.
invalid-password-common = كلمة المرور هذه شائعة جدًا وسهلة التخمين. اختر غيرها.
invalid-phone = اكتب رقم موبايل مصري: ١١ رقمًا يبدأ بـ 010 أو 011 أو 012 أو 015.
invalid-governorate = اختر محافظة من القائمة.
invalid-number = اكتب رقمًا صحيحًا.

account-description = حسابك في دكان: الطلبات والبيانات الشخصية والعناوين.
account-title = حسابي
account-welcome = أهلًا بك في دكان! أرسلنا إليك رسالة لتأكيد بريدك الإلكتروني.
account-email = البريد الإلكتروني
account-name = الاسم بالكامل
account-password = كلمة المرور
account-new-password = كلمة المرور الجديدة
account-current-password = كلمة المرور الحالية
account-password-hint = ٨ أحرف على الأقل، وتجنّب كلمات المرور الشائعة.
account-phone-optional = رقم الموبايل (اختياري)
account-phone-hint = موبايل مصري، مثل ٠١٠ ١٢٣٤ ٥٦٧٨.
account-preferred-language = اللغة المفضلة
account-sign-in-title = تسجيل الدخول
account-sign-in-submit = دخول
account-sign-in-link = لديك حساب بالفعل؟ سجّل الدخول
account-sign-in-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
account-too-many-attempts = محاولات دخول فاشلة كثيرة. من فضلك انتظر ١٥ دقيقة، أو أعد تعيين كلمة المرور.
account-forgot-link = نسيت كلمة المرور؟
account-register-link = إنشاء حساب جديد
account-register-title = أنشئ حسابك
account-register-submit = إنشاء الحساب
account-email-taken = يوجد حساب بهذا البريد الإلكتروني بالفعل. سجّل الدخول أو أعد تعيين كلمة المرور.
account-forgot-title = إعادة تعيين كلمة المرور
account-forgot-text = اكتب البريد الإلكتروني لحسابك وسنرسل إليك رابطًا لاختيار كلمة مرور جديدة.
account-forgot-submit = أرسل رابط إعادة التعيين
account-reset-sent = إذا كان هناك حساب بهذا البريد، فرابط إعادة التعيين في الطريق إليك. يعمل مرة واحدة ولمدة ساعة.
account-reset-title = اختر كلمة مرور جديدة
account-reset-submit = احفظ كلمة المرور الجديدة
account-reset-link-invalid = انتهت صلاحية هذا الرابط أو استُخدم من قبل. اطلب رابطًا جديدًا.
account-forgot-again = اطلب رابطًا جديدًا
account-reset-done = تم تغيير كلمة المرور. من فضلك سجّل الدخول بكلمة المرور الجديدة.
account-verify-title = تأكيد البريد الإلكتروني
account-verify-done = شكرًا لك! تم تأكيد بريدك الإلكتروني.
account-verify-invalid = انتهت صلاحية رابط التأكيد هذا أو استُخدم من قبل.
account-go-to-account = اذهب إلى حسابي
account-email-status = حالة البريد الإلكتروني
account-email-verified = مؤكَّد
account-email-unverified = لم يتأكد بعد: راجع بريدك الوارد لتجد رسالتنا.
account-addresses-link = عناويني
account-profile-heading = البيانات الشخصية
account-profile-saved = تم حفظ بياناتك.
account-password-heading = تغيير كلمة المرور
account-password-others-signed-out = تغيير كلمة المرور يُخرجك من حسابك على كل الأجهزة الأخرى.
account-password-submit = غيّر كلمة المرور
account-password-saved = تم تغيير كلمة المرور، وتم تسجيل خروج الأجهزة الأخرى.
account-current-password-wrong = كلمة المرور الحالية غير صحيحة.
account-address-book-full = دفتر العناوين ممتلئ. احذف عنوانًا أولًا.
account-back = العودة إلى حسابي

address-book-title = عناويني
address-add = أضف عنوانًا
address-add-title = عنوان جديد
address-edit-title = تعديل العنوان
address-none = ليس لديك عناوين محفوظة بعد.
address-saved = تم حفظ العنوان.
address-deleted = تم حذف العنوان.
address-default = الافتراضي
address-edit = تعديل
address-delete = حذف
address-make-default = اجعله عنواني الافتراضي
address-save = احفظ العنوان
address-back = العودة إلى عناويني
address-recipient = اسم المستلم
address-phone = موبايل المستلم
address-governorate = المحافظة
address-governorate-choose = اختر المحافظة
address-city = المدينة أو المنطقة
address-street = الشارع
address-building = العمارة
address-floor = الدور
address-apartment = الشقة
address-landmark = علامة مميزة (اختياري)
address-landmark-hint = شيء قريب منك يساعد المندوب، مثل «بجوار الصيدلية».

admin-title = الإدارة
admin-coming = لوحة الإدارة قيد الإنشاء. هذه نظرة سريعة على المتجر.
admin-customers = العملاء
admin-staff = الموظفون والمديرون
admin-products = المنتجات

forbidden-title = غير مسموح بالدخول
forbidden-text = هذه الصفحة لفريق عمل المتجر فقط.

mail-verify-email-subject = أكّد بريدك الإلكتروني في دكان
mail-verify-email-body =
    أهلًا { $name }،

    مرحبًا بك في دكان. من فضلك أكّد بريدك الإلكتروني بفتح هذا الرابط:

    { $link }

    يعمل الرابط مرة واحدة خلال ٤٨ ساعة. إذا لم تنشئ حسابًا، تجاهل هذه الرسالة.
mail-password-reset-subject = إعادة تعيين كلمة مرور دكان
mail-password-reset-body =
    أهلًا { $name }،

    طلب أحدهم إعادة تعيين كلمة مرور حسابك في دكان. لاختيار كلمة مرور جديدة، افتح هذا الرابط:

    { $link }

    يعمل الرابط مرة واحدة خلال ساعة. إذا لم تكن أنت، تجاهل هذه الرسالة وستبقى كلمة المرور كما هي.
error-cross-site = رُفض هذا الطلب لأنه جاء من موقع آخر.

# Language names are written in their own language, in both files.
language-name-ar = العربية
language-name-en = English
list-separator = { "، " }
