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
error-bad-request = تعذّرت قراءة هذا الطلب. من فضلك أعد تحميل الصفحة وحاول مرة أخرى.
error-conflict = تغيّر هذا في الأثناء. من فضلك أعد تحميل الصفحة وحاول مرة أخرى.
error-gone = هذا الرابط استُخدم من قبل أو انتهت صلاحيته.
error-too-large = هذا أكبر من أن يُرسل.
error-too-many-requests = محاولات كثيرة جدًا. من فضلك انتظر قليلًا وحاول مرة أخرى.
error-unavailable = هذا غير متاح الآن. من فضلك حاول مرة أخرى بعد دقائق.
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

# Mobile: the compact header's menu drawer and the installed app's bottom bar
nav-menu = القائمة
nav-menu-close = إغلاق القائمة
nav-account = حسابي
nav-search = بحث
nav-shortcuts = اختصارات

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
admin-customers = العملاء
admin-staff = الموظفون والمديرون
admin-products = المنتجات

forbidden-title = غير مسموح بالدخول
forbidden-text = هذه الصفحة لفريق عمل المتجر فقط.

error-cross-site = رُفض هذا الطلب لأنه جاء من موقع آخر.

# Language names are written in their own language, in both files.
language-name-ar = العربية
language-name-en = English
list-separator = { "، " }

## السلة
cart-title = السلة
cart-empty = سلتك فاضية.
cart-continue = كمّل تسوّق
cart-quantity = الكمية
cart-update = تحديث
cart-remove = إزالة
cart-subtotal = المجموع الفرعي
cart-shipping-note = الشحن بيتحسب في صفحة الدفع حسب محافظتك.
cart-checkout = إتمام الشراء
cart-view = اعرض السلة
cart-close = إغلاق
cart-add = أضف إلى السلة
cart-adding = جارٍ الإضافة…
cart-added = اتضاف للسلة.
cart-added-capped = { PLURAL($count) ->
    [one] المتاح قطعة واحدة بس: سلتك فيها قطعة واحدة.
    [two] المتاح قطعتين بس: سلتك فيها قطعتين.
    [few] المتاح { $count } قطع بس: سلتك فيها { $count } قطع.
    [many] المتاح { $count } قطعة بس: سلتك فيها { $count } قطعة.
   *[other] المتاح { $count } قطعة بس: سلتك فيها { $count } قطعة.
}
cart-sold-out = آسفين، المنتج ده خلص.
cart-items = { PLURAL($count) ->
    [zero] لا منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
cart-issue-unavailable = مبقاش متاح: شيله عشان تكمّل الشراء.
cart-issue-only-left = { PLURAL($count) ->
    [one] باقي قطعة واحدة بس: قلّل الكمية عشان تكمّل.
    [two] باقي قطعتين بس: قلّل الكمية عشان تكمّل.
    [few] باقي { $count } قطع بس: قلّل الكمية عشان تكمّل.
    [many] باقي { $count } قطعة بس: قلّل الكمية عشان تكمّل.
   *[other] باقي { $count } قطعة بس: قلّل الكمية عشان تكمّل.
}
cart-issue-price-changed = السعر اتغيّر من ساعة ما أضفته (كان { $was }).

## إتمام الشراء
shop-description = سلتك وطلباتك في دكان.
checkout-title = إتمام الشراء
checkout-contact = بيانات التواصل
checkout-phone = رقم الموبايل
checkout-address = عنوان التوصيل
checkout-saved-address = التوصيل إلى
checkout-new-address = عنوان جديد (تحت)
checkout-shipping = الشحن
checkout-express-hint = الشحن السريع (تاني يوم) متاح في القاهرة الكبرى والإسكندرية والدلتا.
checkout-payment = الدفع
checkout-summary = ملخص الطلب
checkout-discount-code = كود الخصم
checkout-apply = تطبيق
checkout-discount-applied = تم تطبيق الكود { $code }.
checkout-discount = الخصم
checkout-shipping-cost = الشحن
checkout-total = الإجمالي
checkout-free-shipping = مجاني
checkout-choose-governorate = اختار محافظتك
checkout-place-order = تأكيد الطلب
checkout-placing = جارٍ تأكيد طلبك…
checkout-choose-shipping = اختار طريقة الشحن.
checkout-choose-payment = اختار طريقة الدفع.
checkout-no-shipping = طريقة الشحن دي مش متاحة لمحافظتك.
checkout-expired = صفحة الدفع دي انتهت. حدّثها وجرّب تاني.
checkout-cart-empty = سلتك فاضية: مفيش حاجة تتطلب.
checkout-cart-changed = سلتك اتغيّرت من ساعة ما فتحت الصفحة دي. راجعها وأكّد الطلب تاني.
checkout-sold-out = آسفين، «{ $name }» خلص وإنت بتكمّل الشراء. متطلبش أي حاجة: راجع سلتك.
checkout-key-reused = النموذج ده اتستخدم قبل كده لطلب تاني. حدّث الصفحة عشان تبدأ طلب جديد.
shipping-standard = توصيل عادي
shipping-express = توصيل سريع (تاني يوم)
payment-method-cod = الدفع عند الاستلام
payment-method-card = بطاقة (في صفحة دفع آمنة)
payment-description = طلب دكان { $number }
discount-unknown = الكود ده مش موجود.
discount-not-started = الكود ده لسه مبدأش.
discount-expired = الكود ده انتهى.
discount-below-minimum = الكود ده محتاج مجموع فرعي { $minimum } على الأقل.
discount-used-up = الكود ده استُخدم بالكامل.
discount-already-used = إنت استخدمت الكود ده قبل كده.
invalid-quantity = اكتب كمية من ١ لـ ٩٩.
invalid-order-number = رقم الطلب بيبقى زي DK-12345678.
invalid-discount-code = كود خصم مش صحيح.

## الطلبات
order-title = الطلب
order-heading = الطلب { $number }
order-status = الحالة:
order-status-pending-payment = في انتظار الدفع
order-status-placed = تم الطلب
order-status-paid = مدفوع
order-status-processing = جارٍ التجهيز
order-status-shipped = اتشحن
order-status-delivered = اتسلّم
order-status-cancelled = اتلغى
order-status-refunded = اترد المبلغ
order-status-partially-refunded = اترد جزء من المبلغ
order-event-payment-succeeded = الدفع وصل
order-event-payment-expired = مهلة الدفع خلصت
order-event-start-processing = ابدأ التجهيز
order-event-ship = اشحن
order-event-deliver = اتسلّم
order-event-cancel = إلغاء
order-event-refund-full = رد المبلغ كله
order-event-refund-partial = رد جزء
order-event-payment-collected = تم تحصيل المبلغ عند الاستلام
order-event-late-payment = الدفع وصل بعد إلغاء الطلب: هيترد المبلغ
order-transition-illegal = الطلب ده ميقدرش يعمل كده في حالته دلوقتي.
order-placed-notice = شكرًا! طلبك اتأكد، وهيوصلك إيميل بالتأكيد.
order-cancelled-notice = طلبك اتلغى.
order-payment-waiting = مستنيين تأكيد الدفع من شركة الدفع. الصفحة دي هتتحدّث لوحدها.
order-payment-cod-due = تدفع للمندوب عند الاستلام
order-payment-card-pending = لسه متدفعش
order-payment-paid = مدفوع
order-pay-now = ادفع دلوقتي
order-pay-unavailable = صفحة الدفع مش متاحة دلوقتي. جرّب تاني بعد دقيقة.
order-tracking = رقم التتبع:
order-items = المنتجات
order-item = المنتج
order-line-total = الإجمالي
order-refunded = المبلغ المردود
order-ship-to = التوصيل
order-timeline = السجل
order-cancel = إلغاء الطلب
order-refund-amount = مبلغ الرد لازم يكون أكبر من صفر ومش أكتر من المتبقي.
order-refund-failed = شركة الدفع مقبلتش الرد. متغيّرش حاجة؛ جرّب تاني.
order-lookup-title = دوّر على طلبك
order-lookup-number = رقم الطلب
order-lookup-number-hint = زي ما في إيميل التأكيد، مثلًا DK-12345678.
order-lookup-contact = الإيميل أو رقم الموبايل اللي اتطلب بيه
order-lookup-submit = دوّر على الطلب
order-lookup-not-found = ملقيناش طلب بالرقم ده والإيميل أو الموبايل ده.
orders-title = طلباتك
orders-none = لسه معملتش أي طلب.
orders-number = الطلب
orders-date = التاريخ

# Admin console
admin-description = إدارة المتجر: المبيعات والطلبات والعملاء وسجل التدقيق.
admin-nav = أقسام الإدارة
admin-dashboard = لوحة المتابعة
admin-orders = الطلبات
admin-audit = سجل التدقيق
admin-period-today = النهارده
admin-period-days = آخر { $days } يوم
admin-revenue = الإيرادات
admin-average-order = متوسط الطلب
admin-change-none = لا توجد أرقام سابقة
admin-change-against = مقارنة بالفترة السابقة
admin-chart-revenue = الإيرادات اليومية، آخر ٣٠ يوم
admin-chart-revenue-desc = الإجمالي { $total }. أفضل يوم { $best } بمبلغ { $amount }.
admin-chart-day = { $day }: { $amount }، { $orders }
admin-chart-status = الطلبات حسب الحالة، آخر ٣٠ يوم
admin-day = اليوم
admin-none-yet = لا شيء بعد.
admin-top-products = الأكثر مبيعًا، آخر ٣٠ يوم
admin-units = الوحدات
admin-low-stock = على وشك النفاد
admin-low-stock-none = كل الأصناف المنشورة فيها أكثر من ٥ قطع.
admin-sku = رمز المنتج
admin-stock = المخزون
admin-zero-results = عمليات بحث بلا نتائج، آخر ٣٠ يوم
admin-search-query = البحث
admin-searches = المرات
admin-filters = عوامل التصفية
admin-any = الكل
admin-apply = تطبيق
admin-clear = مسح
admin-from = من
admin-to = إلى
admin-invalid-date = اكتب التاريخ بالشكل YYYY-MM-DD.
admin-payment = الدفع
admin-customer = العميل
admin-orders-search = رقم الطلب أو الإيميل أو الموبايل
admin-orders-count = { PLURAL($count) ->
    [zero] لا طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
admin-orders-none = لا توجد طلبات مطابقة.
admin-unpaid = لم يُدفع
admin-page-of = صفحة { $page } من { $pages }
admin-guest = (زائر)
admin-phone = الموبايل
admin-order-updated = تم تحديث الطلب.
admin-packing-slip = إيصال التعبئة
admin-next-steps = الخطوات التالية
admin-no-steps = لا يمكن عمل شيء آخر بهذا الطلب.
admin-action-payment-collected = تم تحصيل المبلغ نقدًا
admin-action-start-processing = بدء التجهيز
admin-action-ship = تم الشحن
admin-action-deliver = تم التوصيل
admin-action-cancel = إلغاء الطلب (يرجع المخزون)
admin-action-refund = استرداد
admin-tracking-number = رقم التتبع (اختياري)
admin-refund-amount = المبلغ بالجنيه (حتى { $max })
admin-note = ملاحظة (اختياري)
admin-slip-title = إيصال التعبئة { $number }
admin-slip-collect = يُحصَّل { $amount } عند الاستلام
admin-print = طباعة
admin-back-to-order = الرجوع إلى الطلب
admin-customers-search = الاسم أو الإيميل أو الموبايل
admin-customers-none = لا توجد حسابات مطابقة.
admin-role = الدور
admin-role-customer = عميل
admin-role-staff = موظف
admin-role-admin = مدير
admin-roles = الدور والصلاحيات
admin-save-role = حفظ الدور
admin-role-unknown = اختر دورًا من القائمة.
admin-not-yourself = لا يمكنك تغيير دورك أو حسابك من هنا؛ اطلب ذلك من مدير آخر.
admin-lifetime-value = إجمالي مشترياته
admin-joined = تاريخ التسجيل
admin-account-state = الحساب
admin-enabled = نشط
admin-disabled = موقوف
admin-disable = إيقاف الحساب
admin-enable = تفعيل الحساب
admin-customer-role = تم تغيير الدور.
admin-customer-disabled = تم إيقاف الحساب وتسجيل خروجه من كل الأجهزة.
admin-customer-enabled = يمكن لصاحب الحساب تسجيل الدخول مرة أخرى.
admin-audit-for = سجل التدقيق لـ { $name }
admin-audit-when = الوقت
admin-audit-actor = مَن
admin-audit-action = الإجراء
admin-audit-entity = السجل
admin-audit-entity-id = رقم السجل
admin-audit-changes = التغييرات
admin-audit-empty-value = (لا شيء)
admin-audit-none = لا توجد إدخالات مطابقة.
admin-audit-older = إدخالات أقدم
audit-kind-created = أُنشئ
audit-kind-updated = تغيّر
audit-kind-deleted = حُذف
order-actor-customer = العميل
order-actor-staff = فريق المتجر
order-actor-system = تلقائي
order-actor-provider = مزود الدفع

# Catalog CSV import, row problems
csv-problem-missing-header = الملف فارغ: صف العناوين غير موجود.
csv-problem-wrong-header = عمود العنوان رقم { $column } يجب أن يكون “{ $expected }” وليس “{ $found }”.
csv-problem-column-count = في الصف { $found } عمود، وفي صف العناوين { $expected }.
csv-problem-not-utf8 = الصف ليس نصًا بترميز UTF-8. احفظ الملف بصيغة CSV UTF-8.
csv-problem-bad-handle = المعرّف غير صالح ({ $detail }).
csv-problem-handle-apart = صفوف المنتج { $handle } يجب أن تكون متتالية؛ أول صف له هو السطر { $line }.
csv-problem-missing = العمود { $column } فارغ.
csv-problem-category-empty-level = في العمود { $column } مستوى فارغ (المستويات تُفصل بـ “ > ”).
csv-problem-category-levels = في category_en عدد { $en } مستويات وفي category_ar عدد { $ar }.
csv-problem-category-deep = مسار التصنيف أعمق من { $max } مستويات.
csv-problem-category-name = التصنيف “{ $name }” مكتوب أو مترجم بشكل مختلف في السطر { $line }.
csv-problem-category-taken = التصنيف { $en } / { $ar } يطابق تصنيفين مختلفين موجودين.
csv-problem-bad-sku = رمز المنتج غير صالح ({ $detail }).
csv-problem-duplicate-sku = رمز المنتج { $sku } مستخدم أيضًا في السطر { $line }.
csv-problem-sku-taken = رمز المنتج { $sku } يخص منتجًا آخر ({ $handle }).
csv-problem-bad-amount = قيمة { $column } ليست مبلغًا: “{ $text }”.
csv-problem-decimals = في { $column } أكثر من رقمين عشريين: “{ $text }”.
csv-problem-negative = قيمة { $column } سالبة.
csv-problem-compare-at = يجب أن يكون compare_at_price أعلى من price.
csv-problem-bad-stock = المخزون يجب أن يكون عددًا صحيحًا من ٠ فأكثر: “{ $text }”.
csv-problem-option-no-value = للخيار { $option } اسم بدون قيمة.
csv-problem-option-no-name = للخيار { $option } قيمة بدون اسم.
csv-problem-option-half = الخيار { $option } يحتاج اسمه وقيمته بالعربية والإنجليزية.
csv-problem-option-order = الخيار ٢ موجود بدون الخيار ١.
csv-problem-option-name = الاسم الإنجليزي للخيار { $option } (“{ $name }”) ليس فيه حروف لاتينية أو أرقام.
csv-problem-option-twice = للخيارين نفس الاسم.
csv-problem-option-names-differ = أسماء الخيارات تختلف عن أول صف للمنتج (السطر { $line }).
csv-problem-mixed-options = المنتج الذي له خيارات لا يمكن أن تكون له صفوف بدون خيارات (انظر السطر { $line }).
csv-problem-option-value = قيمة الخيار “{ $value }” مكتوبة أو مترجمة بشكل مختلف في السطر { $line }.
csv-problem-duplicate-variant = نفس قيم الخيارات الموجودة في السطر { $line }.
csv-problem-image-path = مسار الصورة “{ $path }” يجب أن يكون اسم ملف بدون “..”.
csv-problem-image-missing = الصورة “{ $path }” ليست في مكتبة الصور. ارفعها أولًا أو اترك العمود فارغًا.
csv-problem-image-unreadable = لا يمكن قراءة الصورة “{ $path }” ({ $detail }).
csv-problem-image-rejected = الصورة “{ $path }” مرفوضة: { $detail }.

# Admin: catalog import and export
admin-import = استيراد المنتجات
admin-import-intro = ارفع ملف CSV بصيغة الاستيراد (نفس صيغة أمر `dokkan import products`؛ ملف التصدير يصلح كنموذج). افحصه أولًا: تظهر كل الصفوف التي بها مشاكل ولا يُكتب شيء. الاستيراد يكتب كل الصفوف أو لا شيء.
admin-import-needs-js = صفحة الاستيراد تحتاج JavaScript. بدونها استخدم الأمر `dokkan import products FILE.csv` على الخادم.
admin-import-file = ملف CSV
admin-import-check = فحص فقط (بدون كتابة)
admin-import-run = استيراد
admin-import-working = جارٍ الفحص والاستيراد…
admin-import-line = السطر
admin-import-no-file = اختر ملف CSV أولًا.
admin-import-too-large = حجم الملف أكبر من ٨ ميجابايت. قسّمه إلى ملفات أصغر.
admin-import-unreadable = لا يمكن قراءة الملف كـ CSV.
admin-import-checked = كل الصفوف سليمة: { $created } منتج جديد و{ $updated } منتج محدَّث و{ $variants } صنف. لم يُكتب شيء بعد.
admin-import-done = تم الاستيراد: { $created } منتج جديد و{ $updated } منتج محدَّث و{ $variants } صنف.
admin-import-refused = { PLURAL($count) ->
    [zero] لا توجد صفوف بها مشاكل.
    [one] صف واحد به مشكلة. لم يُستورد شيء.
    [two] صفان بهما مشاكل. لم يُستورد شيء.
    [few] { $count } صفوف بها مشاكل. لم يُستورد شيء.
    [many] { $count } صفًا بها مشاكل. لم يُستورد شيء.
   *[other] { $count } صف بها مشاكل. لم يُستورد شيء.
}
admin-export = تصدير المنتجات
admin-export-intro = كل المنتجات في ملف CSV بنفس الصيغة، جاهز للتعديل وإعادة الاستيراد.
admin-export-run = تنزيل CSV

# Admin: products
admin-product-new = منتج جديد
admin-products-search = الاسم أو المعرّف أو رمز المنتج
admin-products-none = لا توجد منتجات مطابقة.
admin-category = التصنيف
admin-category-choose = اختر تصنيفًا
admin-visibility = في المتجر
admin-published = ظاهر
admin-hidden = مخفي
admin-stock-low = قارب على النفاد
admin-stock-out = نفد
admin-picture = الصورة
admin-variants = الأصناف
admin-price = السعر (جنيه)
admin-compare-at = السعر قبل الخصم (جنيه)
admin-product-details = المنتج
admin-product-handle = عنوان الصفحة (المعرّف)
admin-name-en = الاسم بالإنجليزية
admin-name-ar = الاسم بالعربية
admin-description-en = الوصف بالإنجليزية
admin-description-ar = الوصف بالعربية
admin-brand = الماركة
admin-tags = الوسوم (مفصولة بفواصل)
admin-product-published = إظهار في المتجر
admin-options = الخيارات
admin-options-hint = حتى خيارين، مثل المقاس واللون، باسميهما بالعربية والإنجليزية. اتركها فارغة لمنتج بلا اختيارات.
admin-option1-en = الخيار الأول بالإنجليزية
admin-option1-ar = الخيار الأول بالعربية
admin-option2-en = الخيار الثاني بالإنجليزية
admin-option2-ar = الخيار الثاني بالعربية
admin-variants-hint = صف لكل صنف؛ الصفوف الفارغة تُتجاهل. مخزون الصنف الموجود يتغير بالأسفل مع ذكر السبب.
admin-value1 = قيمة الخيار الأول
admin-value2 = قيمة الخيار الثاني
admin-value1-en = القيمة الأولى بالإنجليزية
admin-value1-ar = القيمة الأولى بالعربية
admin-value2-en = القيمة الثانية بالإنجليزية
admin-value2-ar = القيمة الثانية بالعربية
admin-variant-row = الصف { $row }
admin-product-save = حفظ المنتج
admin-product-saved = تم حفظ المنتج.
admin-required = هذا الحقل مطلوب.
admin-product-bad-handle = استخدم حروفًا إنجليزية صغيرة وأرقامًا وشرطات، مثل clay-water-jug.
admin-product-handle-taken = هناك منتج آخر بنفس العنوان.
admin-product-category = اختر تصنيفًا.
admin-option-both = اكتب اسم الخيار بالعربية والإنجليزية.
admin-option-order = املأ الخيار الأول قبل الثاني.
admin-option-name = الاسم الإنجليزي يحتاج حروفًا لاتينية أو أرقامًا، ويجب أن يختلف اسما الخيارين.
admin-variant-sku = استخدم حروفًا إنجليزية كبيرة وأرقامًا ونقاطًا وشرطات (حتى ٦٤).
admin-variant-price = اكتب سعرًا مثل 120 أو 99.50.
admin-variant-compare-at = السعر قبل الخصم يجب أن يكون أعلى من السعر، أو فارغًا.
admin-variant-stock = اكتب عددًا صحيحًا من ٠ فأكثر.
admin-variant-value = اكتب قيمة هذا الصنف بالعربية والإنجليزية.
admin-variant-sku-twice = رمز المنتج هذا موجود في صف آخر.
admin-variant-same-values = صف آخر له نفس قيم الخيارات.
admin-variant-none = أضف صنفًا واحدًا على الأقل.
admin-variant-sku-taken = رمز المنتج { $sku } يخص منتجًا آخر.
admin-pictures = الصور
admin-picture-file = الصورة (PNG أو JPEG أو WebP أو GIF، حتى ١٠ ميجابايت)
admin-alt-en = وصف الصورة لقارئات الشاشة بالإنجليزية
admin-alt-ar = وصف الصورة لقارئات الشاشة بالعربية
admin-alt-save = حفظ الوصف
admin-picture-upload = رفع الصورة
admin-picture-earlier = تقديم
admin-picture-later = تأخير
admin-picture-remove = حذف
admin-image-saved = تم تحديث الصور.
admin-image-alt = صف الصورة بالعربية والإنجليزية.
admin-image-missing = اختر صورة لرفعها.
admin-image-too-large = حجم الصورة أكبر من ١٠ ميجابايت.
admin-image-refused = هذا الملف ليس صورة يمكن استخدامها (PNG أو JPEG أو WebP أو GIF، بحد أقصى ٨٠٠٠ × ٨٠٠٠ بكسل).
admin-stock-adjust = تعديل المخزون
admin-stock-delta-label = التغيير (مثل ‎+12 أو ‎-3)
admin-stock-reason-label = السبب
admin-stock-apply = تطبيق
admin-stock-change = التغيير
admin-stock-saved = تم تعديل المخزون.
admin-stock-delta = اكتب عددًا صحيحًا غير الصفر، مثل ‎+12 أو ‎-3.
admin-stock-reason = اذكر السبب (حتى ٢٠٠ حرف).
admin-stock-negative = لا يمكن أن يقل المخزون عن الصفر.

# Admin: categories
admin-categories = التصنيفات
admin-categories-saved = تم تحديث التصنيفات.
admin-category-new = تصنيف جديد
admin-category-create = إضافة التصنيف
admin-category-top = (المستوى الأعلى)
admin-category-parent = تحت
admin-category-rename = حفظ الاسمين
admin-category-move = نقل
admin-category-products = { PLURAL($count) ->
    [zero] لا منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
admin-category-name = اكتب اسمًا للتصنيف حتى ١٠٠ حرف.
admin-category-taken = هناك تصنيف آخر في نفس المستوى بهذا الاسم.
admin-category-cycle = لا يمكن نقل تصنيف تحت نفسه أو تحت أحد تصنيفاته الفرعية.
admin-category-deep = التصنيفات يمكن أن تكون بعمق ٥ مستويات على الأكثر.

# Admin: discounts and shipping
admin-discounts = أكواد الخصم
admin-shipping = الشحن
admin-settings-saved = تم الحفظ. صفحة الدفع تستخدمه من الآن.
admin-discount-form = إضافة كود أو تعديله
admin-discount-hint = حفظ كود موجود يغيّر شروطه؛ وتبقى مرات الاستخدام السابقة.
admin-discount-code-label = الكود
admin-discount-kind = النوع
admin-discount-percent-kind = نسبة خصم
admin-discount-amount-kind = مبلغ خصم (جنيه)
admin-discount-value = القيمة
admin-discount-min = أقل إجمالي للطلب (جنيه)
admin-discount-usage-limit = عدد مرات الاستخدام الكلي (فارغ: بلا حد)
admin-discount-customer-limit = عدد المرات لكل عميل (فارغ: بلا حد)
admin-discount-active = مفعّل
admin-discount-save = حفظ الكود
admin-discount-dates = الصلاحية
admin-discount-uses = الاستخدام
admin-discount-code = استخدم من ٣ إلى ٣٢ حرفًا إنجليزيًا كبيرًا أو رقمًا أو شرطة، مثل EID25.
admin-discount-percent = اكتب نسبة من ١ إلى ١٠٠.
admin-discount-amount = اكتب مبلغًا أكبر من الصفر، مثل 50 أو 99.50.
admin-discount-dates-order = تاريخ النهاية لا يمكن أن يسبق تاريخ البداية.
admin-discount-limit-used = استُخدم الكود { $used } مرة بالفعل؛ لا يمكن أن يكون الحد أقل من ذلك.
admin-whole-number = اكتب عددًا صحيحًا.
admin-yes = نعم
admin-no = لا
admin-shipping-none = (لا توصيل)
admin-shipping-offered = متاح في هذه المنطقة
admin-shipping-rate = السعر (جنيه)
admin-shipping-free-over = مجاني فوق (جنيه، فارغ: أبدًا)
admin-shipping-days-min = أقل عدد أيام
admin-shipping-days-max = أقصى عدد أيام
admin-shipping-days = اكتب الأيام أعدادًا صحيحة، والثاني لا يقل عن الأول.
admin-shipping-governorates = المحافظات
admin-shipping-governorates-hint = كل محافظة تأخذ أسعار منطقتها.

# Admin: search synonyms
admin-synonyms = كلمات البحث
admin-synonyms-intro = علّم البحث الكلام اللي زباينك بيقولوه. لما الزبون يدوّر على كلمة من الكلمات اللي تحت، هتطلعله كمان المنتجات اللي فيها مرادفاتها، فـ«تلاجة» مثلًا تلاقي كل «ثلاجة».
admin-synonyms-directions = «في الاتجاهين»: كل كلمة في القاعدة بتلاقي الباقيين. «اتجاه واحد»: الكلمة بتلاقي مرادفاتها، لكن اللي يدوّر بالمرادف مش هتطلعله منتجات الكلمة.
admin-synonyms-built-in = الكلمات المصري المعروفة (زي كنبة بدل أريكة) وأسامي الماركات بالعربي والإنجليزي البحث عارفها خلاص؛ ضيف بس الكلمات الخاصة بمحلك.
admin-synonym-new = إضافة قاعدة
admin-synonym-term = الكلمة
admin-synonym-term-hint = اللي الزبون بيكتبه: كلمة، أو جملة قصيرة لحد ٣ كلمات.
admin-synonym-equivalents = المرادفات
admin-synonym-equivalents-hint = افصل بينهم بفاصلة (لحد ١٠)، مثلًا: ثلاجة، تلاجة
admin-synonym-two-way = في الاتجاهين
admin-synonym-two-way-hint = شيل العلامة لو عايزها اتجاه واحد: الكلمة تلاقي مرادفاتها، والعكس لأ.
admin-synonym-add = إضافة
admin-synonym-added = القاعدة اتضافت، وأول بحث جاي هيستخدمها.
admin-synonym-removed = القاعدة اتشالت.
admin-synonyms-none = مفيش قواعد لسه.
admin-synonyms-list = قواعد البحث بتاعتك
admin-synonym-equivalents-column = بتلاقي كمان
admin-synonym-direction = الاتجاه
admin-synonym-both-ways = في الاتجاهين
admin-synonym-one-way = اتجاه واحد
admin-synonym-remove = حذف
admin-synonym-remove-label = حذف قاعدة «{ $term }»
admin-synonym-actions = إجراءات
admin-synonym-bad-term = اكتب كلمة، أو جملة لحد ٣ كلمات و٦٠ حرف.
admin-synonym-bad-equivalents = اكتب من ١ لـ ١٠ مرادفات بينهم فواصل: كل واحد كلمة أو جملة لحد ٣ كلمات و٦٠ حرف، ومن غير الكلمة نفسها.
admin-synonym-taken = الكلمة دي ليها قاعدة بالفعل. احذف القاعدة دي الأول لو عايز تغيّرها.

# PWA: the installed app
pwa-name = دكان — تسوق أونلاين
pwa-short-name = دكان
pwa-description = ملابس وأدوات منزلية وإلكترونيات وبقالة، توصيل لكل مصر. الدفع عند الاستلام أو بالكارت.
pwa-screenshot-narrow = المتجر على الموبايل
pwa-screenshot-wide = المتجر على الكمبيوتر
pwa-install-text = تسوق أسرع من الشاشة الرئيسية.
pwa-install = ثبّت التطبيق
pwa-ios-hint = لتثبيت التطبيق: اضغط على زر المشاركة، ثم «إضافة إلى الشاشة الرئيسية».
pwa-update = في نسخة جديدة متاحة.
pwa-update-reload = حدّث الصفحة
pwa-offline-banner = أنت غير متصل بالإنترنت — الأسعار والمخزون ممكن يكونوا اتغيروا.
pwa-offline-title = أنت غير متصل بالإنترنت
pwa-offline-body = الصفحة دي مش محفوظة على الجهاز لسه. الصفحات اللي فتحتها قبل كده لسه بتفتح؛ اتأكد من الاتصال وجرّب تاني.
pwa-offline-home = روح للصفحة الرئيسية
pwa-needs-connection = تأكيد الطلب محتاج اتصال بالإنترنت. سلتك محفوظة؛ ارجع لما تكون متصل.
cart-queued = مفيش اتصال: اتحفظ، وهيتضاف للسلة أول ما ترجع أونلاين.

# Mail: one layout for every mail (crates/mail/src/letter.rs). Each kind gives
# mail-{kind}-subject, -heading, -intro, -action and -note ({ "" } for none).
mail-brand = دكان
mail-greeting = أهلًا { $name }،
mail-greeting-anonymous = أهلًا،
mail-link-hint = لو الزرار مشتغلش، انسخ الرابط ده وافتحه في المتصفح:
mail-signature = شكرًا لك — فريق دكان
mail-footer = أرسل دكان هذه الرسالة بخصوص حسابك أو طلبك. الردود على هذا العنوان لا تُقرأ.
mail-fact-order = الطلب
mail-fact-total = الإجمالي
mail-fact-tracking = رقم الشحنة
mail-fact-refund = المبلغ المردود
mail-verify-email-subject = أكّد بريدك الإلكتروني في دكان
mail-verify-email-heading = أكّد بريدك الإلكتروني
mail-verify-email-intro = مرحبًا بك في دكان. من فضلك أكّد بريدك الإلكتروني بالزر التالي.
mail-verify-email-action = تأكيد بريدي
mail-verify-email-note = يعمل الرابط مرة واحدة خلال ٤٨ ساعة. إذا لم تنشئ حسابًا، تجاهل هذه الرسالة.
mail-password-reset-subject = إعادة تعيين كلمة مرور دكان
mail-password-reset-heading = اختر كلمة مرور جديدة
mail-password-reset-intro = طلب أحدهم إعادة تعيين كلمة مرور حسابك في دكان. لاختيار كلمة مرور جديدة، استخدم الزر التالي.
mail-password-reset-action = اختيار كلمة مرور جديدة
mail-password-reset-note = يعمل الرابط مرة واحدة خلال ساعة. إذا لم تكن أنت، تجاهل هذه الرسالة وستبقى كلمة المرور كما هي.
mail-order-confirmation-subject = طلبك من دكان { $number }
mail-order-confirmation-heading = شكرًا على طلبك
mail-order-confirmation-intro = وصلنا طلبك { $number } وبنجهّزه. هنبعتلك تاني أول ما يتشحن.
mail-order-confirmation-action = تابع طلبك
mail-order-confirmation-note = { "" }
mail-order-shipped-subject = طلبك من دكان { $number } في الطريق
mail-order-shipped-heading = طلبك في الطريق
mail-order-shipped-intro = أخبار حلوة: طلبك { $number } خرج من المخزن وبقى مع شركة الشحن.
mail-order-shipped-tracking = تقدر تتابع الشحنة على موقع شركة الشحن برقم الشحنة اللي تحت.
mail-order-shipped-action = شوف طلبك
mail-order-shipped-note = { "" }
mail-order-delivered-subject = طلبك من دكان { $number } وصل
mail-order-delivered-heading = طلبك وصل
mail-order-delivered-intro = طلبك { $number } اتسلّم. نتمنى يعجبك.
mail-order-delivered-action = شوف طلبك
mail-order-delivered-note = فيه مشكلة؟ كلّمنا من صفحة الطلب وهنحلّها.
mail-order-cancelled-subject = طلبك من دكان { $number } اتلغى
mail-order-cancelled-heading = طلبك اتلغى
mail-order-cancelled-intro = طلبك { $number } اتلغى، ومش هيتخصم عليه أي مبلغ تاني.
mail-order-cancelled-refund = المبلغ اللي دفعته، { $amount }، هيرجعلك.
mail-order-cancelled-action = شوف طلبك
mail-order-cancelled-note = { "" }
mail-order-refunded-subject = رد مبلغ لطلبك من دكان { $number }
mail-order-refunded-heading = رجّعنالك فلوسك
mail-order-refunded-intro = رجّعنا { $amount } لطلبك { $number }. رد الفلوس على الكارت ممكن ياخد كام يوم لحد ما يظهر في كشف الحساب.
mail-order-refunded-action = شوف طلبك
mail-order-refunded-note = { "" }
admin-mail-failed = رسائل لم تصل
admin-mail-failed-intro = الرسائل دي مش هتتبعت لوحدها: خادم البريد رفضها، أو كل المحاولات فشلت، أو الخادم وقف وهو بيبعت واحدة (ممكن تكون وصلت). راجع العنوان والخطأ، وبعدين ابعتها تاني.
admin-mail-failed-none = مفيش رسائل فشلت.
admin-mail-failed-more = أحدث { $shown } من { $total }.
admin-mail-when = وقت الفشل
admin-mail-kind = الرسالة
admin-mail-recipient = المستلم
admin-mail-error = الخطأ
admin-mail-attempts = المحاولات
admin-mail-actions = إجراءات
admin-mail-retry = ابعتها تاني
admin-mail-retry-label = ابعت رسالة «{ $kind }» لـ { $recipient } تاني
admin-mail-retried = الرسالة اتحطت في الطابور تاني.
admin-mail-kind-verify-email = تأكيد البريد
admin-mail-kind-password-reset = إعادة تعيين كلمة المرور
admin-mail-kind-order-confirmation = تم الطلب
admin-mail-kind-order-shipped = الطلب اتشحن
admin-mail-kind-order-delivered = الطلب وصل
admin-mail-kind-order-cancelled = الطلب اتلغى
admin-mail-kind-order-refunded = رد مبلغ

# Push: إشعارات الطلبات (زراير التفعيل، والإشعارات نفسها)
push-subscribe-order = بلّغني بأخبار الطلب ده
push-subscribe-account = شغّل إشعارات الطلبات
push-subscribe-busy = بنشغّلها…
push-subscribed = الإشعارات شغالة على المتصفح ده.
push-unsubscribe = وقّف الإشعارات
push-unsubscribed = الإشعارات متوقفة.
push-denied = الإشعارات مقفولة للمحل ده من إعدادات المتصفح.
push-unsupported = المتصفح ده مبيعرضش إشعارات.
push-failed = مقدرناش نشغّل الإشعارات. جرّب تاني.
push-invalid-endpoint = خدمة الإشعارات بتاعة المتصفح ده مش من اللي المحل يقدر يبعت لها.
push-invalid-keys = المتصفح بعت اشتراك مينفعش يتستخدم.
push-too-many = متصفحات كتير متابعة ده. وقّف الإشعارات على واحد منهم الأول.
push-order-confirmed-title = طلبك { $number } اتأكد
push-order-confirmed-body = الدفع وصلنا وبنجهّز طلبك.
push-order-shipped-title = طلبك { $number } في الطريق
push-order-shipped-body = طلبك اتشحن.
push-order-shipped-body-tracked = طلبك اتشحن. رقم التتبع: { $tracking }
push-order-delivered-title = طلبك { $number } اتسلّم
push-order-delivered-body = بالهنا! لو في أي حاجة مش مظبوطة قولنا.
push-order-cancelled-title = طلبك { $number } اتلغى
push-order-cancelled-body = لو دفعت بالكارت، فلوسك راجعة لك.
push-order-refunded-title = فلوس طلبك { $number } اتردّت
push-order-refunded-body = فلوسك في طريقها ترجع لك.
push-order-partially-refunded-title = جزء من فلوس طلبك { $number } اترد
push-order-partially-refunded-body = جزء من المبلغ اللي دفعته في طريقه يرجع لك.

## Recommendations
recommend-together = يُشترى معه غالبًا
recommend-similar = منتجات مشابهة
recommend-for-you = مختارة لك
recommend-trending = الأكثر رواجًا الآن
recommend-also = قد يعجبك أيضًا

## Cookie consent
consent-label = ملفات تعريف الارتباط
consent-text = هل نتذكّر ما تتصفحه لنقترح عليك منتجات تناسبك؟ وإلا فلا نحتفظ إلا بسلتك وطلباتك.
consent-accept = نعم، تذكّروني
consent-refuse = لا، شكرًا

## A/B tests
admin-experiments = اختبارات A/B
admin-experiments-intro = يرى كل زائر له مُعرّف نسخة واحدة، هي نفسها دائمًا؛ والتحويل شراءٌ خلال المدة المحددة بعد أول زيارة له للاختبار. التحسّن مقارنةً بالنسخة الأولى (المرجعية)، مع فترة ثقة 95%؛ وقيمة p أقل من 0.05 تعني أن الفرق غالبًا ليس صدفة.
admin-experiment-running = يعمل منذ { $date }
admin-experiment-stopped = متوقف
admin-experiment-rolled-out = مُعمَّم: يرى الجميع { $variant }
admin-experiment-window = { $count ->
    [one] تُحتسب المشتريات خلال يوم واحد
    [two] تُحتسب المشتريات خلال يومين
    [few] تُحتسب المشتريات خلال { $count } أيام
    [many] تُحتسب المشتريات خلال { $count } يومًا
   *[other] تُحتسب المشتريات خلال { $count } يوم
}
admin-experiment-table = النسخ والزوار والمشتريات والتحسّن
admin-experiment-variant = النسخة
admin-experiment-weight = وزن الزيارات
admin-experiment-visitors = الزوار
admin-experiment-conversions = المشتريات
admin-experiment-rate = معدل التحويل
admin-experiment-uplift-heading = التحسّن (فترة ثقة 95%)
admin-experiment-uplift = { $uplift } (من { $low } إلى { $high })
admin-experiment-control = المرجعية
admin-experiment-p = قيمة p
admin-experiment-stop = أوقف الاختبار
admin-experiment-start = شغّله من جديد
admin-experiment-roll-out = عمّم { $variant }
admin-experiment-changed = تم تعديل الاختبار؛ تتبعه كل الخوادم خلال نصف دقيقة.

## Recommendation models
admin-models = نماذج الاقتراحات
admin-models-intro = يدرّب المتجر اقتراحاته كل ساعة مما يفعله المتسوقون. تعرض كل الخوادم أحدث نسخة؛ وإن جاءت نسخة باقتراحات سيئة فارجع عنها لتعود النسخة السابقة.
admin-models-train = درّب الآن
admin-models-roll-back = ارجع إلى النسخة السابقة
admin-models-trained = دُرّبت نسخة جديدة وتُعرض الآن.
admin-models-busy = خادم آخر يدرّب الآن؛ ستُعرض نسخته حين ينتهي.
admin-models-rolled-back = عادت النسخة السابقة.
admin-models-none = لم يُدرَّب شيء بعد.
admin-models-version = النسخة
admin-models-trained-at = وقت التدريب
admin-models-events = الأحداث
admin-models-visitors = الزوار
admin-models-products = المنتجات
admin-models-seconds = الثواني
admin-models-state = الحالة
admin-models-serving = تُعرض الآن
admin-models-rolled-back-state = مُستبعدة

## اختبارات الذوق
quiz-description = كام سؤال سريع، والمحل يختارلك منتجات على ذوقك.
quiz-empty = الاختبار ده لسه مفيهوش أسئلة.
quiz-progress = السؤال { $step } من { $total }
quiz-cleared = نسينا إجاباتك.
quiz-choose-answer = اختار إجابة من الإجابات علشان تكمل.
quiz-next = التالي
quiz-back = رجوع
quiz-see-picks = وريني اختياراتي
quiz-quoted = «{ $text }»
quiz-list-and = { $first } و{ $last }
quiz-result-title = اختياراتك: { $quiz }
quiz-you-chose = اخترت { $answers }.
quiz-kept-account = إجاباتك محفوظة في حسابك وبتحدد «مختارة لك».
quiz-kept-browser = إجاباتك محفوظة في المتصفح ده وبتحدد «مختارة لك».
quiz-kept-visit = إجاباتك بتحدد «مختارة لك» في الزيارة دي بس.
quiz-no-picks = مفيش منتجات في المحل مناسبة للإجابات دي لسه. جرّب إجابات تانية أو اتفرج على الأقسام.
quiz-change = غيّر إجاباتي
quiz-retake = خد الاختبار تاني
quiz-forget = انسَ إجاباتي
quiz-because = علشان اخترت { $answers }
quiz-choose-variant = اختار نوع من { $product }
quiz-variant-sold-out = { $variant } (خلصان)
quiz-invite = مش عارف تختار إيه؟
account-taste-heading = ذوقك
account-taste-none = لسه ماخدتش أي اختبار. الاختبارات بتساعد المحل يختارلك منتجات.
account-taste-when = اتجاوب في
account-taste-outdated = الاختبار ده اتغير من ساعة ما جاوبت عليه: خده تاني علشان اختيارات جديدة.
account-taste-picks = وريني اختياراتي
admin-quizzes = الاختبارات
admin-quizzes-intro = اختبارات الذوق بتسأل العميل كام سؤال وبتختار منتجات من إجاباته. كل إجابة ليها أوزان على أقسام (وكل اللي تحتها) ووسوم ونطاق سعر؛ والاختيارات بتوضح الإجابات اللي جابتها، والإجابات بتحدد «مختارة لك».
admin-quizzes-none = مفيش اختبارات لسه.
admin-quiz-new = اختبار جديد
admin-quiz-create = أنشئ الاختبار
admin-quiz-created = اتعمل الاختبار. ضيف أسئلته وبعدين انشره.
admin-quiz-saved = اتحفظ.
admin-quiz-deleted = اتمسح.
admin-quiz-published = منشور
admin-quiz-draft = مسودة (العملاء مش شايفينه)
admin-quiz-unpublished = الاختبار اتلغى نشره.
admin-quiz-publish = انشر
admin-quiz-unpublish = الغِ النشر
admin-quiz-preview = جرّبه
admin-quiz-title = العنوان
admin-quiz-address = الرابط
admin-quiz-questions = الأسئلة
admin-quiz-responses = خلّصوه
admin-quiz-status = الحالة
admin-quiz-details = العنوان والرابط والمقدمة
admin-quiz-save = احفظ
admin-quiz-slug = الرابط (slug)
admin-quiz-slug-hint = حروف إنجليزي صغيرة وأرقام وشرطات: gift-finder.
admin-quiz-title-en = العنوان بالإنجليزي
admin-quiz-title-ar = العنوان بالعربي
admin-quiz-intro-en = المقدمة بالإنجليزي
admin-quiz-intro-ar = المقدمة بالعربي
admin-quiz-weights-intro = الأوزان: القسم بيشمل كل اللي تحته؛ ونطاق السعر بيزوّد بس المنتجات اللي جابها قسم أو وسم. الأوزان من ‎-5 لـ 5 (1 لو سبتها فاضية؛ والوزن السالب بيبعد المنتجات).
admin-quiz-add-question = ضيف سؤال
admin-quiz-edit-question = عدّل أو امسح السؤال
admin-quiz-delete-question = امسح السؤال
admin-quiz-question-number = السؤال { $number } من { $total }: { $text }
admin-quiz-question-en = السؤال بالإنجليزي
admin-quiz-question-ar = السؤال بالعربي
admin-quiz-position = الترتيب
admin-quiz-add-answer = ضيف إجابة
admin-quiz-delete-answer = امسح الإجابة
admin-quiz-answer-en = الإجابة بالإنجليزي
admin-quiz-answer-ar = الإجابة بالعربي
admin-quiz-categories = الأقسام
admin-quiz-categories-hint = روابط الأقسام بأوزان اختيارية: men:2, electronics
admin-quiz-tags = الوسوم
admin-quiz-tags-hint = وسوم المنتجات بأوزان اختيارية: sport:2, running
admin-quiz-price-min = السعر من (جنيه)
admin-quiz-price-max = السعر لحد (جنيه)
admin-quiz-category-slugs = روابط الأقسام
admin-quiz-delete = امسح الاختبار
admin-quiz-no-questions = لازم يكون في الاختبار سؤال واحد على الأقل قبل ما يتنشر.
admin-quiz-too-few-answers = كل سؤال في اختبار منشور محتاج إجابتين على الأقل.
admin-quiz-answer-without-weights = كل إجابة في اختبار منشور لازم يكون ليها وزن على قسم أو وسم أو نطاق سعر.
admin-quiz-answer-needs-weights = حط للإجابة قسم أو وسم أو نطاق سعر.
admin-quiz-weights-no-name = «{ $entry }» مالوش اسم.
admin-quiz-weights-bad-weight = «{ $entry }»: الوزن من ‎-5 لـ 5 ومش صفر.
admin-quiz-weights-twice = «{ $entry }» متكرر.
admin-quiz-weights-too-many = ٣٠ عنصر بالكتير.
admin-quiz-weights-too-long = «{ $entry }» طويل أوي.
admin-quiz-too-long = النص ده طويل أوي.
admin-quiz-bad-slug = استخدم حروف إنجليزي صغيرة وأرقام وشرطة واحدة بينهم.
admin-quiz-slug-taken = في اختبار تاني بنفس الرابط.
admin-quiz-bad-position = الترتيب رقم صحيح من 0 لـ 1000.
admin-quiz-bad-price = اكتب السعر بالجنيه، زي 500 أو 499.50.
admin-quiz-price-order = السعر الأعلى أقل من الأقل.
admin-quiz-unknown-categories = مفيش قسم بالروابط دي: { $slugs }

## التحليلات
admin-analytics = التحليلات
admin-analytics-intro = اللي عمله العملاء يوم بيوم (بتوقيت UTC). الشخص هو حساب أو متصفح وافق على الكوكيز؛ والعميل اللي ماوافقش مالوش مُعرّف، فكل حدث ليه بيتحسب مرة.
admin-analytics-from = من
admin-analytics-to = إلى
admin-analytics-range-order = نهاية المدة قبل بدايتها.
admin-analytics-range-long = التقرير بيغطي ٣٦٦ يوم بالكتير.
admin-analytics-csv = نزّل ملف CSV
admin-analytics-funnel = مسار الشراء
admin-analytics-steps = من الزيارة للشراء
admin-analytics-step = الخطوة
admin-analytics-people = الأشخاص
admin-analytics-daily = الزوار في اليوم
admin-analytics-daily-desc = من { $from } إلى { $to }: { $visitors } زائر، و{ $purchased } اشتروا.
admin-analytics-visitors = الزوار
admin-analytics-viewed = شافوا منتج
admin-analytics-carted = أضافوا للسلة
admin-analytics-checked-out = بدأوا الدفع
admin-analytics-purchased = اشتروا
admin-analytics-view-to-cart = مشاهدة ← سلة
admin-analytics-conversion-rate = التحويل
admin-analytics-conversion = التحويل من الزيارة للشراء: { $rate }. الإيرادات: { $revenue }.
admin-analytics-total = الإجمالي
admin-analytics-products = المنتجات: المشاهدات مقابل المشتريات
admin-analytics-product = المنتج
admin-analytics-views = المشاهدات
admin-analytics-carts = أضيف للسلة
admin-analytics-purchases = اتباع
admin-analytics-view-to-purchase = مشاهدة ← شراء
admin-analytics-views-purchases = { $views } مشاهدة، { $purchases } اتباع
admin-analytics-search = البحث
admin-analytics-search-total = { $searches } عملية بحث في المدة دي.
admin-analytics-top-queries = الأكثر بحثًا
admin-analytics-empty-queries = عمليات بحث مالقتش حاجة
admin-analytics-partial-queries = عمليات بحث لقت جزء من كلماتها بس
admin-analytics-query = البحث
admin-analytics-searches = مرات البحث
admin-analytics-no-results = بدون نتائج
admin-analytics-partial = نتائج جزئية
admin-analytics-recommendations = الترشيحات
admin-analytics-attribution = الشراء بيتحسب للقائمة لما نفس الشخص يشتري منتج داس عليه فيها خلال ٧ أيام (آخر ضغطة هي اللي بتاخده).
admin-analytics-list = القائمة
admin-analytics-placement = المكان
admin-analytics-model = النموذج
admin-analytics-impressions = اتعرضت
admin-analytics-clicks = الضغطات
admin-analytics-ctr = نسبة الضغط
admin-analytics-clicks-ctr = { $clicks } ضغطة ({ $rate })
admin-analytics-attributed = الإيرادات المنسوبة
admin-placement-product-together = صفحة المنتج: بيتشروا مع بعض
admin-placement-product-similar = صفحة المنتج: منتجات شبهه
admin-placement-home = الرئيسية: مختارة لك
admin-placement-cart = السلة: ممكن يعجبك كمان
admin-placement-short-product-together = مع بعض
admin-placement-short-product-similar = شبهه
admin-placement-short-home = الرئيسية
admin-placement-short-cart = السلة
admin-analytics-query-figures = { $searches } مرة بحث، { $empty } بدون نتائج، { $partial } نتائج جزئية
admin-product-rebuyable = بيتشرى تاني وتالت
admin-product-rebuyable-hint = للحاجات اللي بتخلص (بن، شامبو، شرابات): «مختارة لك» ممكن تعرضه تاني على اللي اشتروه.

## المساعد
assistant-text-empty = اكتب رسالة.
assistant-text-long = الرسالة ١٠٠٠ حرف بالكتير.
assistant-title = مساعد التسوق
assistant-intro = اسألني عن أي منتج، أو حالة طلبك، أو الشحن والاسترجاع والدفع — بالعربي أو بالإنجليزي أو بالفرانكو. وممكن أحوّلك لحد من فريقنا.
assistant-message-label = رسالتك
assistant-send = ابعت
assistant-empty = قول أهلًا، أو قولّي بتدوّر على إيه.
assistant-handed-over-note = حد من فريقنا استلم المحادثة وهيرد عليك هنا.
assistant-history = محادثاتك
assistant-history-open = افتح
assistant-new = محادثة جديدة
assistant-open-chat = كلّمنا
assistant-close-chat = اقفل الشات
assistant-voice = قول رسالتك بصوتك
assistant-voice-stop = وقّف الاستماع
assistant-from-you = انت
assistant-from-bot = مساعد دكان
assistant-from-staff = فريق دكان
assistant-yes = أيوه
assistant-no = لأ
assistant-ok = تمام. أقدر أساعدك في حاجة تانية؟
assistant-nothing-to-confirm = مفيش حاجة مستنية تأكيد. أقدر أساعدك في إيه؟
assistant-greeting = أهلًا بيك! أقدر أدوّرلك على منتجات، وأقولك طلبك فين، وألغيه، وأرد على أسئلة الشحن والاسترجاع والدفع.
assistant-thanks = العفو! أي خدمة تانية؟
assistant-handover = حوّلت المحادثة لفريقنا: حد هيرد عليك هنا في أقرب وقت.
assistant-fallback = معلش، مفهمتش. أقدر أدوّرلك على منتجات، وأشوف طلبك أو ألغيه، وأرد على أسئلة الشحن والاسترجاع والدفع — أو أحوّلك لحد من فريقنا.
assistant-suggest-search = عايز تيشيرت أسود تحت ٥٠٠
assistant-suggest-order = طلبي فين؟
assistant-suggest-shipping = الشحن بكام؟
assistant-suggest-person = عايز أكلم حد
assistant-search-what = بتدوّر على إيه؟ قولّي المنتج، واللون أو الميزانية لو عندك.
assistant-search-none = ملقيتش حاجة لـ«{ $query }». جرّب كلام تاني، أو اتفرّج على المحل.
assistant-search-open = دوّر في المحل
assistant-search-found = ده اللي لقيته لـ«{ $query }»{ $price }:
assistant-search-all = { PLURAL($count) ->
    [zero] مفيش نتايج
    [one] شوف النتيجة
    [two] شوف النتيجتين
    [few] شوف الـ{ $count } نتايج
    [many] شوف الـ{ $count } نتيجة
   *[other] شوف الـ{ $count } نتيجة
}
assistant-cart-what = أنهي منتج؟ دوّر عليه الأول، أو قول اسمه («ضيف التيشيرت الأبيض»).
assistant-cart-channel = تقدر تضيف { $product } للسلة من صفحته:
assistant-cart-sold-out = معلش، { $product } خلص في اللي طلبته.
assistant-cart-which = عايز أنهي واحد من { $product }؟
assistant-cart-added = ضفت { $quantity } × { $product } لسلتك.
assistant-cart-view = { PLURAL($count) ->
    [zero] افتح السلة
    [one] افتح السلة (منتج واحد)
    [two] افتح السلة (منتجين)
    [few] افتح السلة ({ $count } منتجات)
    [many] افتح السلة ({ $count } منتج)
   *[other] افتح السلة ({ $count } منتج)
}
assistant-shipping-rates = أسعار التوصيل عندنا:
assistant-shipping-days = من { $min } لـ{ $max } أيام
assistant-shipping-free-over = مجاني فوق { $amount }
assistant-order-ask-number = أنهي طلب؟ اكتب رقمه (DK- و٨ أرقام)؛ هتلاقيه في إيميل التأكيد.
assistant-order-ask-contact = عشان أوريك الطلب { $number }، اكتب رقم الموبايل أو الإيميل اللي عملت بيه الطلب.
assistant-order-not-found = ملقيتش طلب بالرقم ده مع الموبايل أو الإيميل ده. راجع الاتنين وجرّب تاني.
assistant-order-locked = محاولات كتير. استخدم صفحة البحث عن الطلب، أو اطلب تكلم حد من فريقنا.
assistant-order-status = الطلب { $number }: { $status }.
assistant-order-open = افتح الطلب
assistant-cancel-confirm = ألغي الطلب { $number } ({ $total })؟ مينفعش نرجع فيها.
assistant-cancel-yes = أيوه، ألغيه
assistant-cancel-no = لأ، سيبه
assistant-cancel-kept = تمام، الطلب { $number } زي ما هو.
assistant-cancel-done = الطلب { $number } اتلغى. لو دفعت بالكارت، الفلوس هترجع عليه.
assistant-cancel-not-allowed = الطلب { $number } مينفعش يتلغي دلوقتي: حالته { $status }. تقدر ترجّعه بعد الاستلام، أو تكلم حد من فريقنا.
admin-inbox = الرسائل
admin-inbox-show = اعرض
admin-inbox-open = مستنية رد
admin-inbox-closed = مقفولة
admin-inbox-all = الكل
admin-inbox-none = مفيش محادثات هنا.
admin-inbox-guest = زائر
admin-inbox-customer = العميل
admin-inbox-channel = القناة
admin-inbox-last = آخر رسالة
admin-inbox-orders = الطلبات
admin-inbox-updated = آخر تحديث
admin-inbox-state = الحالة
admin-inbox-state-bot = مع المساعد
admin-inbox-state-handed-over = مستنية رد
admin-inbox-state-closed = مقفولة
admin-inbox-channel-web = الموقع
admin-inbox-channel-telegram = تيليجرام
admin-inbox-channel-whatsapp = واتساب
admin-inbox-channel-messenger = ماسنجر
admin-inbox-reply = ردّك
admin-inbox-send = ابعت الرد
admin-inbox-reply-long = الرد ٢٠٠٠ حرف بالكتير.
admin-inbox-close = اقفل المحادثة
admin-inbox-reopen = افتح المحادثة تاني
admin-inbox-back = كل المحادثات
admin-faq = ردود المساعد
admin-faq-intro = اللي المساعد بيرد بيه عن التوصيل والاسترجاع والدفع. ردود التوصيل بييجي بعدها أسعار المناطق الحالية من إعدادات الشحن.
admin-faq-shipping = التوصيل
admin-faq-returns = الاسترجاع
admin-faq-payment = الدفع
admin-faq-en = بالإنجليزي
admin-faq-ar = بالعربي
admin-faq-save = احفظ الردود
admin-faq-empty = اكتب الرد.
admin-faq-long = الرد ٢٠٠٠ حرف بالكتير.
search-voice = دوّر بصوتك
assistant-shipping-day-count = { PLURAL($count) ->
    [zero] نفس اليوم
    [one] يوم واحد
    [two] يومين
    [few] { $count } أيام
    [many] { $count } يوم
   *[other] { $count } يوم
}
assistant-search-price-max = لحد { $amount }
assistant-search-price-min = من { $amount }
assistant-search-price-range = من { $min } لـ{ $max }
