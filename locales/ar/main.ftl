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
home-featured = منتجات مختارة

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

not-found-title = الصفحة غير موجودة
not-found-text = لم نجد الصفحة التي طلبتها. ربما نُقلت، أو أن الرابط مكتوب بشكل خاطئ.
not-found-home = العودة إلى الصفحة الرئيسية

error-title = حدث خطأ ما
error-internal = تعذّر تحميل هذه الصفحة. من فضلك حاول مرة أخرى بعد قليل.
error-request = تعذّر إتمام طلبك. من فضلك تأكد من اتصالك وحاول مرة أخرى.
