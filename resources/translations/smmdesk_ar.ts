<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="32"/>
        <source>About SMMDesk</source>
        <translation>حول SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="43"/>
        <source>A desktop for resellers of SMM panel services (API v2).</source>
        <translation>تطبيق سطح مكتب لموزعي خدمات لوحات SMM (API v2).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="49"/>
        <source>Data folder: {path}</source>
        <translation>مجلد البيانات: {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="50"/>
        <source>Log folder: {path}</source>
        <translation>مجلد السجلات: {path}</translation>
    </message>
</context>
<context>
    <name>AnnotateOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="53"/>
        <source>For the 1 selected order: tick what to change; the rest stays as it is.</source>
        <translation>للطلب المحدد: حدّد ما تريد تغييره؛ ويبقى الباقي كما هو.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="57"/>
        <source>For the {count} selected orders: tick what to change; the rest stays as each order has it.</source>
        <translation>للطلبات المحددة ({count}): حدّد ما تريد تغييره؛ ويبقى الباقي كما هو في كل طلب.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="64"/>
        <source>Kept in SMMDesk for you, never sent to the panel.</source>
        <translation>يُحفظ لك في SMMDesk، ولا يُرسل إلى اللوحة أبدًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="67"/>
        <source>Note, customer and sell price</source>
        <translation>الملاحظة والعميل وسعر البيع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="88"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="89"/>
        <source>Note</source>
        <translation>الملاحظة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="90"/>
        <source>Sell price</source>
        <translation>سعر البيع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="147"/>
        <source>Tick to give every selected order this value (empty clears it)</source>
        <translation>حدّد لإعطاء كل الطلبات المحددة هذه القيمة (القيمة الفارغة تمسحها)</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="74"/>
        <source>Run a command</source>
        <translation>تنفيذ أمر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="80"/>
        <source>Type a command: refresh, new order, settings…</source>
        <translation>اكتب أمرًا: تحديث، طلب جديد، الإعدادات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="82"/>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="87"/>
        <source>Matching commands</source>
        <translation>الأوامر المطابقة</translation>
    </message>
</context>
<context>
    <name>ConfirmOrder</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="74"/>
        <source>unknown</source>
        <translation>غير معروفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="89"/>
        <source>Place another order for this link?</source>
        <translation>تقديم طلب آخر لهذا الرابط؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="91"/>
        <source>Place this order?</source>
        <translation>تقديم هذا الطلب؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="98"/>
        <source>Active on this link</source>
        <translation>طلبات نشطة على هذا الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="103"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="107"/>
        <source>Charge</source>
        <translation>التكلفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="108"/>
        <source>Balance after</source>
        <translation>الرصيد بعد الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="131"/>
        <source>&amp;I have checked: place another order for this link</source>
        <translation>&amp;تحققت: قدّم طلبًا آخر لهذا الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="136"/>
        <source>&amp;Place another order</source>
        <translation>&amp;قدّم طلبًا آخر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="149"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="152"/>
        <source>Total quantity</source>
        <translation>الكمية الإجمالية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="160"/>
        <source>1 line:</source>
        <translation>سطر واحد:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="162"/>
        <source>{count} lines:</source>
        <translation>{count} أسطر:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="170"/>
        <source>… and 1 more line</source>
        <translation>… وسطر آخر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="171"/>
        <source>… and {count} more lines</source>
        <translation>… و{count} أسطر أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="177"/>
        <source>{start}… ({count} characters)</source>
        <translation>{start}… ({count} حرفًا)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="184"/>
        <source>panel {id}</source>
        <translation>اللوحة {id}</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="36"/>
        <source>Keys are kept for this session only, and none was entered for this panel yet.</source>
        <translation>تُحفظ المفاتيح لهذه الجلسة فقط، ولم يُدخَل أي مفتاح لهذه اللوحة بعد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="67"/>
        <source>No API key is stored for “{panel}”. Open Panels… and enter the key.</source>
        <translation>لا يوجد مفتاح API محفوظ للوحة «{panel}». افتح «اللوحات…» وأدخل المفتاح.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="71"/>
        <source>SMMDesk cannot read the API key of “{panel}”. {problem}</source>
        <translation>يتعذّر على SMMDesk قراءة مفتاح API للوحة «{panel}». {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="79"/>
        <source>Panel {id} no longer exists.</source>
        <translation>اللوحة {id} لم تعد موجودة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="258"/>
        <source>The proxy of “{panel}” cannot be used. {problem} Correct it in Panels…</source>
        <translation>لا يمكن استخدام البروكسي الخاص باللوحة «{panel}». {problem} صحّحه في «اللوحات…».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/errors.py" line="18"/>
        <source>SMMDesk hit a bug while {doing} ({error}). Nothing was lost; the details are in the log file.</source>
        <translation>واجه SMMDesk خللًا أثناء {doing} ({error}). لم يُفقد أي شيء؛ التفاصيل في ملف السجل.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="51"/>
        <source>{title}: {text}</source>
        <translation>{title}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="57"/>
        <source>Check the key in Panels…</source>
        <translation>تحقق من المفتاح في «اللوحات…»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="61"/>
        <source>The panel refused</source>
        <translation>رفضت اللوحة العملية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="63"/>
        <source>No answer from the panel</source>
        <translation>لا يوجد رد من اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="65"/>
        <source>Cannot reach the panel</source>
        <translation>تعذّر الوصول إلى اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="67"/>
        <source>Connection problem</source>
        <translation>مشكلة في الاتصال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="69"/>
        <source>Unexpected answer from the panel</source>
        <translation>رد غير متوقع من اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="72"/>
        <source>Invalid panel URL</source>
        <translation>عنوان URL للوحة غير صالح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="74"/>
        <source>The system keyring is not available</source>
        <translation>حافظة مفاتيح النظام غير متاحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="79"/>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="81"/>
        <source>Cannot do that now</source>
        <translation>لا يمكن تنفيذ ذلك الآن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="83"/>
        <location filename="../../smmdesk/ui/common/errors.py" line="85"/>
        <source>Internal error</source>
        <translation>خطأ داخلي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="84"/>
        <source>SMMDesk hit a bug ({name}).</source>
        <translation>واجه SMMDesk خللًا ({name}).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="98"/>
        <source>Check your connection or the panel&apos;s proxy setting, then try again.</source>
        <translation>تحقق من اتصالك أو من إعداد البروكسي للوحة، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="103"/>
        <source>Please report it with the log file (Help ▸ Open log folder).</source>
        <translation>يُرجى الإبلاغ عنه مع ملف السجل (مساعدة ◂ فتح مجلد السجلات).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="106"/>
        <source>The panel may be down, behind a browser check, or the URL may not be its API endpoint.</source>
        <translation>قد تكون اللوحة متوقفة، أو خلف فحص للمتصفح، أو قد لا يكون عنوان URL هو نقطة نهاية API الخاصة بها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="111"/>
        <source>Storage problem</source>
        <translation>مشكلة في التخزين</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="113"/>
        <source>The disk is full</source>
        <translation>القرص ممتلئ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="114"/>
        <source>Cannot write to the data folder</source>
        <translation>تتعذّر الكتابة في مجلد البيانات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="115"/>
        <source>The database is damaged</source>
        <translation>قاعدة البيانات تالفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="116"/>
        <source>The database is in use</source>
        <translation>قاعدة البيانات قيد الاستخدام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="117"/>
        <source>Cannot open the database</source>
        <translation>يتعذّر فتح قاعدة البيانات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="118"/>
        <source>Disk error</source>
        <translation>خطأ في القرص</translation>
    </message>
</context>
<context>
    <name>ExtraFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="49"/>
        <source>Field name</source>
        <translation>اسم الحقل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="50"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="136"/>
        <source>Already a form field: {names}</source>
        <translation>موجود مسبقًا كحقل في النموذج: {names}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="140"/>
        <source>Each extra field name may appear once</source>
        <translation>يجوز أن يظهر اسم كل حقل إضافي مرة واحدة فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="152"/>
        <source>E&amp;xtra fields</source>
        <translation>حقول &amp;إضافية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="160"/>
        <source>Extra fields</source>
        <translation>حقول إضافية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="167"/>
        <source>Fields the panel takes &amp;beyond the form, sent as typed:</source>
        <translation>حقول تقبلها اللوحة خارج النمو&amp;ذج، تُرسل كما كُتبت:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="173"/>
        <source>Add field</source>
        <translation>إضافة حقل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="176"/>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
</context>
<context>
    <name>Favourites</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="47"/>
        <source>Add to favourites ({shortcut})</source>
        <translation>إضافة إلى المفضلة ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="48"/>
        <source>Remove from favourites ({shortcut})</source>
        <translation>إزالة من المفضلة ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="53"/>
        <source>Not a favourite</source>
        <translation>ليست مفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="54"/>
        <source>Favourite</source>
        <translation>مفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="56"/>
        <source>No longer listed · {name}</source>
        <translation>لم تعد مدرجة · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="108"/>
        <source>The panel no longer lists this service (starred {time}). Remove its star to take it off your favourites.</source>
        <translation>لم تعد اللوحة تعرض هذه الخدمة (أُضيفت إلى المفضلة في {time}). أزل نجمتها لحذفها من مفضلتك.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="118"/>
        <source>Remove from favourites</source>
        <translation>إزالة من المفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="119"/>
        <source>Add to favourites</source>
        <translation>إضافة إلى المفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="125"/>
        <source>{star} Remove from favourites</source>
        <translation>{star} إزالة من المفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="126"/>
        <source>{star} Add to favourites</source>
        <translation>{star} إضافة إلى المفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="131"/>
        <source>No favourites yet. Star a service in the {star} column, or select it and press {shortcut}.</source>
        <translation>لا توجد مفضلة بعد. ضع نجمة على خدمة في العمود {star}، أو حدّدها واضغط {shortcut}.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="24"/>
        <source>per 1000</source>
        <translation>لكل 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="25"/>
        <source>per package</source>
        <translation>لكل باقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="96"/>
        <location filename="../../smmdesk/ui/catalogue/services_view.py" line="128"/>
        <location filename="../../smmdesk/ui/common/format.py" line="56"/>
        <source>{rate} per package</source>
        <translation>{rate} لكل باقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="57"/>
        <source>{rate} per 1000</source>
        <translation>{rate} لكل 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="102"/>
        <source>{count} min ago</source>
        <translation>منذ {count} دقيقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="104"/>
        <source>{count} h ago</source>
        <translation>منذ {count} ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>1 day ago</source>
        <translation>منذ يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="108"/>
        <source>{count} days ago</source>
        <translation>منذ {count} يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="114"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>آخر تحديث {time} · تم فحص {checked}، تغيّر {changed}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="116"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>آخر تحديث {time} · تم فحص {checked}، تغيّر {changed}، خطأ واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="120"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>آخر تحديث {time} · تم فحص {checked}، تغيّر {changed}، {errors} أخطاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="143"/>
        <source>Refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="145"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="151"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (نوع غير معروف)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="153"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>السعر {rate} · الحد الأدنى {min}، الحد الأقصى {max}</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="32"/>
        <source>&amp;Reports</source>
        <translation>الت&amp;قارير</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="33"/>
        <source>&amp;Scorecard</source>
        <translation>&amp;بطاقة الأداء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="34"/>
        <source>Re&amp;fill windows</source>
        <translation>مُ&amp;هل إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="35"/>
        <source>Price &amp;watch</source>
        <translation>مراقبة ال&amp;أسعار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>1 order</source>
        <translation>طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>{count} orders</source>
        <translation>{count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>1 day</source>
        <translation>يوم واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>{count} days</source>
        <translation>{count} يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="43"/>
        <source>under a minute</source>
        <translation>أقل من دقيقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="45"/>
        <source>{count} min</source>
        <translation>{count} دقيقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="49"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} ساعة {minutes} دقيقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="52"/>
        <source>{count} h</source>
        <translation>{count} ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="57"/>
        <source>1 day {hours} h</source>
        <translation>يوم واحد {hours} ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="58"/>
        <source>{count} days {hours} h</source>
        <translation>{count} يوم {hours} ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="67"/>
        <source>no timed order yet</source>
        <translation>لا يوجد طلب مُقاس الوقت بعد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="68"/>
        <source>median {duration} ({orders})</source>
        <translation>الوسيط {duration} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="78"/>
        <source>median {duration}, {p90} ({orders})</source>
        <translation>الوسيط {duration}، و{p90} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="93"/>
        <source>slowest {duration}</source>
        <translation>الأبطأ {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="96"/>
        <source>90% within {duration}</source>
        <translation>90% خلال {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="103"/>
        <source>{percent}% ({count} of {total})</source>
        <translation>{percent}% ({count} من {total})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="129"/>
        <source>{month} {day}</source>
        <comment>a day on a chart&apos;s axis: Mar 05</comment>
        <translation>{day} {month}</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="35"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="56"/>
        <source>{doing}…</source>
        <translation>{doing}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="71"/>
        <source>{doing}: {done} of {total}</source>
        <translation>{doing}: {done} من {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="83"/>
        <source>{doing}: stopping…</source>
        <translation>{doing}: جارٍ الإيقاف…</translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="31"/>
        <source>SMMDesk needs the API key of “{panel}”, but cannot read it from the system keyring.
{problem}

Enter the key to use “{panel}” until SMMDesk closes. It is kept in memory only: you will be asked again after a restart.</source>
        <translation>يحتاج SMMDesk إلى مفتاح API للوحة «{panel}»، لكنه لا يستطيع قراءته من حافظة مفاتيح النظام.
{problem}

أدخل المفتاح لاستخدام «{panel}» حتى يُغلَق SMMDesk. يُحفظ المفتاح في الذاكرة فقط: سيُطلب منك مرة أخرى بعد إعادة التشغيل.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="38"/>
        <source>API key needed</source>
        <translation>مطلوب مفتاح API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="46"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>مفتاح API الخاص بك من صفحة API في اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="48"/>
        <source>API key</source>
        <translation>مفتاح API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="52"/>
        <source>Use for this session</source>
        <translation>استخدامه لهذه الجلسة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="57"/>
        <source>Not now</source>
        <translation>ليس الآن</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="72"/>
        <source>O&amp;verview</source>
        <translation>&amp;نظرة عامة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="73"/>
        <source>&amp;Services</source>
        <translation>ال&amp;خدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="74"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="302"/>
        <source>&amp;New order</source>
        <translation>طلب جدي&amp;د</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="75"/>
        <source>&amp;Mass order</source>
        <translation>طلب &amp;جماعي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="76"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="357"/>
        <source>&amp;Orders</source>
        <translation>ال&amp;طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="77"/>
        <source>&amp;Refills</source>
        <translation>إعادات ال&amp;تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="78"/>
        <source>&amp;Prices</source>
        <translation>الأسعا&amp;ر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="79"/>
        <source>&amp;Insight</source>
        <translation>الت&amp;حليلات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="117"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="278"/>
        <source>&amp;Panels…</source>
        <translation>ال&amp;لوحات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="282"/>
        <source>&amp;Settings…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="287"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="291"/>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="295"/>
        <source>&amp;Find</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="299"/>
        <source>&amp;Command palette…</source>
        <translation>قائمة الأ&amp;وامر…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="323"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;حول SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="326"/>
        <source>Open &amp;log folder</source>
        <translation>فتح مجلد ال&amp;سجلات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="331"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="335"/>
        <source>Manage panels…</source>
        <translation>إدارة اللوحات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="347"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="359"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
</context>
<context>
    <name>MarkupsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="59"/>
        <source>For</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="60"/>
        <source>Who</source>
        <translation>ينطبق على</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="61"/>
        <source>Markup</source>
        <translation>هامش الربح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="82"/>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="205"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="89"/>
        <source>Panel {id}</source>
        <translation>اللوحة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="92"/>
        <source>{service} ({panel})</source>
        <translation>{service} ({panel})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="95"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="101"/>
        <source>Service {id}</source>
        <translation>الخدمة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="159"/>
        <source>Markups</source>
        <translation>هوامش الربح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="161"/>
        <source>A new order&apos;s sell price is its charge plus its customer&apos;s markup, else its service&apos;s. Orders placed before keep their price.</source>
        <translation>سعر بيع الطلب الجديد هو تكلفته مضافًا إليها هامش ربح عميله، وإلا فهامش ربح خدمته. تحتفظ الطلبات المقدمة سابقًا بسعرها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="213"/>
        <source>Service {id} · {name}</source>
        <translation>الخدمة {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="228"/>
        <source>Remove selected</source>
        <translation>حذف المحدد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="237"/>
        <source>e.g. 30%</source>
        <translation>مثال: 30%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="246"/>
        <source>Set</source>
        <translation>تعيين</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="259"/>
        <source>Name the customer first.</source>
        <translation>اكتب اسم العميل أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="274"/>
        <source>Select the markup to remove.</source>
        <translation>حدّد هامش الربح المراد حذفه.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="305"/>
        <source>Type the markup, such as 30%.</source>
        <translation>اكتب هامش الربح، مثل 30%.</translation>
    </message>
</context>
<context>
    <name>MassCheck</name>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="18"/>
        <source>No service ID on this line</source>
        <translation>لا يوجد معرّف خدمة في هذا السطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="20"/>
        <source>{panel}&apos;s services are not loaded: check the batch again</source>
        <translation>خدمات {panel} غير محمّلة: افحص الدفعة مرة أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="23"/>
        <source>The batch&apos;s panel no longer exists: choose another one</source>
        <translation>لوحة الدفعة لم تعد موجودة: اختر لوحة أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="26"/>
        <source>No panel is called &apos;{name}&apos; (your panels: {names})</source>
        <translation>لا توجد لوحة باسم &apos;{name}&apos; (لوحاتك: {names})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="29"/>
        <source>No panel is called &apos;{name}&apos; (your panels: none yet)</source>
        <translation>لا توجد لوحة باسم &apos;{name}&apos; (لوحاتك: لا شيء بعد)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="32"/>
        <source>{panel}&apos;s services have not been fetched yet: open Services first</source>
        <translation>لم يتم جلب خدمات {panel} بعد: افتح «الخدمات» أولًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="36"/>
        <source>{panel} has no service {service}</source>
        <translation>لا توجد في {panel} الخدمة {service}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="37"/>
        <source>panel {id}</source>
        <translation>اللوحة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="40"/>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="43"/>
        <source>Line {number} has the same link</source>
        <translation>السطر {number} فيه الرابط نفسه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="44"/>
        <source>Line {number} has the same account</source>
        <translation>السطر {number} فيه الحساب نفسه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="46"/>
        <source>An active order {order} on {panel} has this link{more}</source>
        <translation>طلب نشط {order} على {panel} له هذا الرابط{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="49"/>
        <source>An active order {order} on {panel} has this account{more}</source>
        <translation>طلب نشط {order} على {panel} له هذا الحساب{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="52"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this link{more}: check that panel&apos;s order list first</source>
        <translation>قد يكون طلب غير مؤكد ({order}) على {panel} قيد التنفيذ بالفعل على هذا الرابط{more}: تحقق من قائمة الطلبات في تلك اللوحة أولًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="59"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this account{more}: check that panel&apos;s order list first</source>
        <translation>قد يكون طلب غير مؤكد ({order}) على {panel} قيد التنفيذ بالفعل على هذا الحساب{more}: تحقق من قائمة الطلبات في تلك اللوحة أولًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="65"/>
        <source>order {id}</source>
        <translation>الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="66"/>
        <source> (and {count} more)</source>
        <translation> (و{count} غيره)</translation>
    </message>
</context>
<context>
    <name>MassLines</name>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="27"/>
        <source>The file is {size}; a batch file is at most {limit}. Split it into smaller files.</source>
        <translation>حجم الملف {size}؛ والحد الأقصى لملف الدفعة {limit}. قسّمه إلى ملفات أصغر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="31"/>
        <source>The text has {count} characters; a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>يحتوي النص على {count} حرفًا؛ والحد الأقصى للدفعة {limit}. قسّمه إلى دفعات أصغر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="36"/>
        <source>The text has {count} lines; a batch is at most {limit} lines. Split it into smaller batches.</source>
        <translation>يحتوي النص على {count} سطرًا؛ والحد الأقصى للدفعة {limit} سطرًا. قسّمه إلى دفعات أصغر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="41"/>
        <source>This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or UTF-16) and open it again.</source>
        <translation>هذا الملف ليس نصًا يستطيع SMMDesk قراءته: احفظه بصيغة CSV أو نص عادي (UTF-8 أو UTF-16) ثم افتحه مجددًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="46"/>
        <source>Write each order as service ID|link|quantity</source>
        <translation>اكتب كل طلب بالشكل: معرّف الخدمة|الرابط|الكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="47"/>
        <source>The header has no service column: name it service</source>
        <translation>لا يحتوي سطر العناوين على عمود للخدمة: سمّه service</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="48"/>
        <source>Column(s) {columns} are not order fields and are left out (known: {known})</source>
        <translation>الأعمدة {columns} ليست حقول طلب وتم استبعادها (المعروفة: {known})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="51"/>
        <source>Column(s) {columns} appear twice: the first one is read</source>
        <translation>الأعمدة {columns} مكررة: تتم قراءة الأول منها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="52"/>
        <source>{first}. {then}</source>
        <translation>{first}. {then}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="53"/>
        <source>{names} and {count} more</source>
        <translation>{names} و{count} غيرها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="54"/>
        <source>A quote (&quot;) opened on this line is never closed, so every line after it was read as part of one cell: close the quote, or remove it</source>
        <translation>علامة اقتباس (&quot;) فُتحت في هذا السطر ولم تُغلق، فقُرئت كل الأسطر التالية كجزء من خلية واحدة: أغلق علامة الاقتباس أو احذفها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="59"/>
        <source>This line has {count} cells; the header names {columns}</source>
        <translation>يحتوي هذا السطر على {count} خلايا؛ وسطر العناوين يسمّي {columns}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="60"/>
        <source>This line cannot be read: {error}</source>
        <translation>تعذّرت قراءة هذا السطر: {error}</translation>
    </message>
</context>
<context>
    <name>MassOrder</name>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="30"/>
        <source>✓ Ready</source>
        <translation>✓ جاهز</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="31"/>
        <source>⚠ Held</source>
        <translation>⚠ معلّق</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="32"/>
        <source>✕ Invalid</source>
        <translation>✕ غير صالح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="33"/>
        <source>– Skipped</source>
        <translation>– متخطّى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="35"/>
        <source>✓ Send anyway</source>
        <translation>✓ أرسِل رغم ذلك</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="36"/>
        <source>Checking…</source>
        <translation>جارٍ الفحص…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="43"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="52"/>
        <source>Not sent yet</source>
        <translation>لم يُرسل بعد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="53"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="29"/>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="54"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="30"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="55"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="31"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="56"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="32"/>
        <source>Link</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="57"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="33"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="58"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="35"/>
        <source>Charge</source>
        <translation>التكلفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="59"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="37"/>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="60"/>
        <source>Order ID</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>1 line</source>
        <translation>سطر واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>{count} lines</source>
        <translation>{count} أسطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="108"/>
        <source>{field}: {lines}</source>
        <translation>{field}: {lines}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="125"/>
        <source>{verdict}: {reasons}</source>
        <translation>{verdict}: {reasons}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="141"/>
        <source>Order {id}</source>
        <translation>الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="143"/>
        <source>Placed: {words}</source>
        <translation>تم التقديم: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="145"/>
        <source>no reason given</source>
        <translation>بدون سبب مذكور</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="146"/>
        <source>✕ Rejected: {words}</source>
        <translation>✕ مرفوض: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="148"/>
        <source>no answer</source>
        <translation>لا يوجد رد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="149"/>
        <source>⚠ Unconfirmed: {words} — see Orders ▸ Unconfirmed</source>
        <translation>⚠ غير مؤكد: {words} — انظر «الطلبات» ▸ «غير مؤكدة»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="153"/>
        <source>Sending…</source>
        <translation>جارٍ الإرسال…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="154"/>
        <source>Dismissed</source>
        <translation>متجاهَل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="169"/>
        <source>Not sent ({verdict})</source>
        <translation>لم يُرسل ({verdict})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="48"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="42"/>
        <source>To send</source>
        <translation>للإرسال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="43"/>
        <source>Held</source>
        <translation>معلّقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="44"/>
        <source>Invalid</source>
        <translation>غير صالحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="45"/>
        <source>Skipped</source>
        <translation>متخطّاة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="49"/>
        <source>Placed</source>
        <translation>مقدَّمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="50"/>
        <source>Rejected</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="51"/>
        <source>Unconfirmed</source>
        <translation>غير مؤكدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="53"/>
        <source>Left out</source>
        <translation>مستبعدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="77"/>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="316"/>
        <source>Place orders…</source>
        <translation>تقديم الطلبات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="80"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="206"/>
        <source>Copy results</source>
        <translation>نسخ النتائج</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="83"/>
        <source>Every line shown, or the selected ones, as a table (tab-separated)</source>
        <translation>كل الأسطر المعروضة، أو المحددة منها، كجدول (مفصول بعلامات الجدولة)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="106"/>
        <source>{kind} ({count})</source>
        <translation>{kind} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="169"/>
        <source>Edit line…</source>
        <translation>تعديل السطر…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="170"/>
        <source>Change the line&apos;s fields and check it again</source>
        <translation>غيّر حقول السطر ثم افحصه مجددًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="175"/>
        <source>Skip</source>
        <translation>تخطٍّ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="176"/>
        <source>Leave the selected lines out of the batch</source>
        <translation>استبعاد الأسطر المحددة من الدفعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="180"/>
        <source>Include</source>
        <translation>تضمين</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="181"/>
        <source>Put skipped lines back into the batch</source>
        <translation>إعادة الأسطر المتخطّاة إلى الدفعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="185"/>
        <source>Send anyway</source>
        <translation>أرسِل رغم ذلك</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="186"/>
        <source>Send held lines although they repeat a link</source>
        <translation>إرسال الأسطر المعلّقة رغم أنها تكرر رابطًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="190"/>
        <source>Hold again</source>
        <translation>تعليق مجددًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="191"/>
        <source>Do not send the released lines</source>
        <translation>عدم إرسال الأسطر المُفرج عنها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="195"/>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="196"/>
        <source>Remove the selected lines</source>
        <translation>حذف الأسطر المحددة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="201"/>
        <source>Edit and send again…</source>
        <translation>تعديل وإعادة الإرسال…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="202"/>
        <source>Correct a rejected line and send it once more</source>
        <translation>صحّح سطرًا مرفوضًا وأرسله مرة أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="34"/>
        <source>Other fields</source>
        <translation>حقول أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="36"/>
        <source>Check</source>
        <translation>الفحص</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Already sent</source>
        <translation>أُرسلت بالفعل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Not sent</source>
        <translation>لم تُرسل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="69"/>
        <source>Sent at once</source>
        <translation>تُرسل في آن واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="70"/>
        <source>{count} (Settings)</source>
        <translation>{count} (الإعدادات)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="76"/>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="93"/>
        <source>The balance does not cover it: send anyway (the panel refuses what it cannot charge)</source>
        <translation>الرصيد لا يكفي: أرسِل رغم ذلك (سترفض اللوحة ما لا يمكنها خصمه)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="120"/>
        <source>Send line {number} again</source>
        <translation>إعادة إرسال السطر {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="122"/>
        <source>Edit line {number}</source>
        <translation>تعديل السطر {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="124"/>
        <source>Line {number} as written: {source}</source>
        <translation>السطر {number} كما كُتب: {source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="133"/>
        <source>Service ID</source>
        <translation>معرّف الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="143"/>
        <source>Send again</source>
        <translation>إعادة الإرسال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="145"/>
        <source>Check again</source>
        <translation>إعادة الفحص</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="196"/>
        <source>This service is no longer in the panel&apos;s catalogue.</source>
        <translation>لم تعد هذه الخدمة موجودة في كتالوج اللوحة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="203"/>
        <source>Charge: {charge}</source>
        <translation>التكلفة: {charge}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="218"/>
        <source>Send the 1 line never sent?</source>
        <translation>إرسال السطر الوحيد الذي لم يُرسل؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="219"/>
        <source>Send the {count} lines never sent?</source>
        <translation>إرسال الأسطر الـ{count} التي لم تُرسل؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="223"/>
        <source>Send 1 line</source>
        <translation>إرسال سطر واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="224"/>
        <source>Send {count} lines</source>
        <translation>إرسال {count} أسطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="230"/>
        <source>Place 1 order?</source>
        <translation>تقديم طلب واحد؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="231"/>
        <source>Place {count} orders?</source>
        <translation>تقديم {count} طلبات؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="235"/>
        <source>Place 1 order</source>
        <translation>تقديم طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="236"/>
        <source>Place {count} orders</source>
        <translation>تقديم {count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="57"/>
        <source>Nothing was pasted: the text has {count} characters, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>لم يتم لصق شيء: يحتوي النص على {count} حرفًا، والحد الأقصى للدفعة {limit}. قسّمه إلى دفعات أصغر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="64"/>
        <source>Nothing was pasted: the text has {count} lines, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>لم يتم لصق شيء: يحتوي النص على {count} سطرًا، والحد الأقصى للدفعة {limit}. قسّمه إلى دفعات أصغر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="84"/>
        <source>Paste orders here, one a line, for example:
    1234|https://instagram.com/p/Cx1yZ|1000
or a CSV/TSV whose first line names the columns:
    service,link,quantity,runs,interval,comments,username
Then Check lines (Ctrl+Return): nothing is sent before you confirm.</source>
        <translation>الصق الطلبات هنا، طلبًا في كل سطر، مثلًا:
    1234|https://instagram.com/p/Cx1yZ|1000
أو ملف CSV/TSV يسمّي سطره الأول الأعمدة:
    service,link,quantity,runs,interval,comments,username
ثم «فحص الأسطر» (Ctrl+Return): لا يُرسل شيء قبل أن تؤكد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="101"/>
        <source>The panel every line goes to, unless its panel column names another</source>
        <translation>اللوحة التي يُرسل إليها كل سطر، ما لم يحدد عمود panel لوحة أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="107"/>
        <source>Open file…</source>
        <translation>فتح ملف…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="108"/>
        <source>Read a CSV, TSV or text file</source>
        <translation>قراءة ملف CSV أو TSV أو ملف نصي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="112"/>
        <source>Check lines</source>
        <translation>فحص الأسطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="113"/>
        <source>Read and check every line (Ctrl+Return)</source>
        <translation>قراءة كل سطر وفحصه (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="118"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="119"/>
        <source>Start a new batch</source>
        <translation>بدء دفعة جديدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="138"/>
        <source>Formats: service ID|link|quantity (; , or a tab also separate), or CSV/TSV with a header naming order fields: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… A list field takes one entry per line of a quoted cell, or | between entries; a panel column sends a line to another panel; # starts a comment.</source>
        <translation>الصيغ: معرّف الخدمة|الرابط|الكمية (يصلح أيضًا ; أو , أو علامة جدولة كفاصل)، أو CSV/TSV بسطر عناوين يسمّي حقول الطلب: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… حقل القائمة يأخذ مُدخلًا لكل سطر في خلية بين علامتي اقتباس، أو | بين المُدخلات؛ عمود panel يرسل السطر إلى لوحة أخرى؛ و# يبدأ تعليقًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="155"/>
        <source>&amp;Panel:</source>
        <translation>ال&amp;لوحة:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="203"/>
        <source>Open a mass order</source>
        <translation>فتح طلب جماعي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="206"/>
        <source>Orders (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>الطلبات (*.csv *.tsv *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="95"/>
        <source>Sending line {number} again…</source>
        <translation>جارٍ إعادة إرسال السطر {number}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="136"/>
        <source>1 line removed</source>
        <translation>تم حذف سطر واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="137"/>
        <source>{count} lines removed</source>
        <translation>تم حذف {count} أسطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="154"/>
        <source>Line {number}: {outcome}</source>
        <translation>السطر {number}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="180"/>
        <source>1 line copied as a table</source>
        <translation>تم نسخ سطر واحد كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="181"/>
        <source>{count} lines copied as a table</source>
        <translation>تم نسخ {count} أسطر كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="111"/>
        <source>Paste lines (or open a file) first.</source>
        <translation>الصق الأسطر (أو افتح ملفًا) أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="115"/>
        <location filename="../../smmdesk/ui/mass/session.py" line="110"/>
        <source>Pasted lines</source>
        <translation>أسطر ملصقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="154"/>
        <source>{panel}: {share}</source>
        <translation>{panel}: {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="194"/>
        <source>{lines} (not sent again)</source>
        <translation>{lines} (لن تُرسل مجددًا)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="195"/>
        <source>no line</source>
        <translation>لا سطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="206"/>
        <source>Stopping: lines being sent finish, no other line is sent.</source>
        <translation>جارٍ الإيقاف: تكتمل الأسطر قيد الإرسال، ولا يُرسل أي سطر آخر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="224"/>
        <source>Checking the lines…</source>
        <translation>جارٍ فحص الأسطر…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="271"/>
        <source>Show the next one</source>
        <translation>عرض التالي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="312"/>
        <source>Place 1 order…</source>
        <translation>تقديم طلب واحد…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="313"/>
        <source>Place {count} orders…</source>
        <translation>تقديم {count} طلبات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/preview_model.py" line="343"/>
        <source>Line {number} as written:
{source}</source>
        <translation>السطر {number} كما كُتب:
{source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="39"/>
        <source>%v of %m</source>
        <translation>%v من %m</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="47"/>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="48"/>
        <source>Send no further line for now</source>
        <translation>عدم إرسال أسطر أخرى حاليًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="52"/>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="90"/>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="53"/>
        <source>Send the lines not sent yet</source>
        <translation>إرسال الأسطر التي لم تُرسل بعد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="57"/>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="58"/>
        <source>Send no further line; lines being sent finish</source>
        <translation>عدم إرسال أسطر أخرى؛ تكتمل الأسطر قيد الإرسال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="92"/>
        <source>Resume ({count} never sent)…</source>
        <translation>استئناف ({count} لم تُرسل)…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="106"/>
        <source>Done: {outcomes}</source>
        <translation>اكتمل: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="109"/>
        <source>Stopped: {outcomes}</source>
        <translation>متوقف: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="112"/>
        <source>Paused: {progress}</source>
        <translation>متوقف مؤقتًا: {progress}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="115"/>
        <source>Writing the batch down before anything is sent…</source>
        <translation>جارٍ حفظ الدفعة قبل إرسال أي شيء…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>1 order</source>
        <translation>طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>{count} orders</source>
        <translation>{count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="98"/>
        <source>{orders} · {charge} · balance not known yet</source>
        <translation>{orders} · {charge} · الرصيد غير معروف بعد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="104"/>
        <source>{orders} · {charge} · balance {balance}</source>
        <translation>{orders} · {charge} · الرصيد {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="107"/>
        <source>{orders} · {charge} · balance {balance} — short by {short}</source>
        <translation>{orders} · {charge} · الرصيد {balance} — ينقص {short}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="117"/>
        <source>{count} held</source>
        <translation>{count} معلّقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="118"/>
        <source>{count} invalid</source>
        <translation>{count} غير صالحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="119"/>
        <source>{count} skipped</source>
        <translation>{count} متخطّاة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="130"/>
        <source>{count} ready ({released} held sent anyway)</source>
        <translation>{count} جاهزة ({released} معلّقة تُرسل رغم ذلك)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="134"/>
        <source>{count} ready</source>
        <translation>{count} جاهزة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="140"/>
        <source>{lines}: {counts}</source>
        <translation>{lines}: {counts}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="154"/>
        <source>nothing</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="161"/>
        <source>about {count} s left</source>
        <translation>يتبقى نحو {count} ث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="165"/>
        <source>about {count} min left</source>
        <translation>يتبقى نحو {count} د</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="168"/>
        <source>about {count} h left</source>
        <translation>يتبقى نحو {count} س</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="175"/>
        <source>{count} placed</source>
        <translation>{count} مقدَّمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="176"/>
        <source>{count} rejected</source>
        <translation>{count} مرفوضة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="177"/>
        <source>{count} unconfirmed</source>
        <translation>{count} غير مؤكدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="178"/>
        <source>{count} being sent</source>
        <translation>{count} قيد الإرسال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="179"/>
        <source>{count} dismissed</source>
        <translation>{count} متجاهَلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="180"/>
        <source>{count} never sent</source>
        <translation>{count} لم تُرسل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="199"/>
        <source>{done} of {total} sent</source>
        <translation>أُرسل {done} من {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="208"/>
        <source>“{title}” of {time}</source>
        <translation>«{title}» بتاريخ {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="217"/>
        <source>The mass order {batch} was not finished: {outcomes}.</source>
        <translation>لم يكتمل الطلب الجماعي {batch}: {outcomes}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="222"/>
        <source>Resume sends only the 1 line never sent; no line is sent twice.</source>
        <translation>«استئناف» يرسل فقط السطر الوحيد الذي لم يُرسل؛ لا يُرسل أي سطر مرتين.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="225"/>
        <source>Resume sends only the {count} lines never sent; no line is sent twice.</source>
        <translation>«استئناف» يرسل فقط الأسطر الـ{count} التي لم تُرسل؛ لا يُرسل أي سطر مرتين.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="233"/>
        <source>Check unconfirmed orders on the panel (Orders ▸ Unconfirmed).</source>
        <translation>تحقق من الطلبات غير المؤكدة في اللوحة («الطلبات» ▸ «غير مؤكدة»).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="239"/>
        <source>1 other mass order not finished either (Open…).</source>
        <translation>طلب جماعي آخر لم يكتمل أيضًا (فتح…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="240"/>
        <source>{count} other mass orders not finished either (Open…).</source>
        <translation>{count} طلبات جماعية أخرى لم تكتمل أيضًا (فتح…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="45"/>
        <source>This mass order is no longer in the history.</source>
        <translation>لم يعد هذا الطلب الجماعي موجودًا في السجل.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="47"/>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>تعذّرت قراءة «{name}»: {reason}.</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../smmdesk/ui/common/notice_banner.py" line="39"/>
        <source>Dismiss</source>
        <translation>تجاهل</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="16"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="22"/>
        <source>completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="17"/>
        <source>went partial</source>
        <translation>جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="18"/>
        <source>canceled</source>
        <translation>ملغي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="19"/>
        <source>refunded</source>
        <translation>مسترد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="23"/>
        <source>rejected or failed</source>
        <translation>مرفوض أو فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="38"/>
        <source>A refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="40"/>
        <source>{count} refills</source>
        <translation>{count} إعادات تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="42"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} على {panel}: {verb}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="57"/>
        <source>Order {id}</source>
        <translation>الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="59"/>
        <source>{count} orders</source>
        <translation>{count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="69"/>
        <source>{count} panels</source>
        <translation>{count} لوحات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source>Order {ids}</source>
        <translation>الطلب {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="81"/>
        <source>Orders {ids}</source>
        <translation>الطلبات {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source> and {count} more</source>
        <translation> و{count} أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="91"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>تعذّر التأكد من تقديم طلب على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="93"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>تعذّر التأكد من تقديم {count} طلبات على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="94"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>تحقق من قائمة الطلبات في اللوحة، ثم احسمها أو تجاهلها في «غير مؤكدة».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="101"/>
        <source>Balance on {panel} is low</source>
        <translation>رصيد {panel} منخفض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="102"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>تبقّى {balance}؛ حد التنبيه مضبوط على {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="111"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>تغيّرت خدمة طلبتها على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>تغيّرت {count} خدمات طلبتها على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="119"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: لم تعد مدرجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="123"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} ← {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="131"/>
        <source>and {count} more</source>
        <translation>و{count} أخرى</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="108"/>
        <source>Reading 1 selected order…</source>
        <translation>جارٍ قراءة الطلب المحدد…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="109"/>
        <source>Reading {count} selected orders…</source>
        <translation>جارٍ قراءة الطلبات المحددة ({count})…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="120"/>
        <source>Export orders</source>
        <translation>تصدير الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="138"/>
        <source>Reading the orders to copy</source>
        <translation>جارٍ قراءة الطلبات المراد نسخها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="149"/>
        <source>Exporting orders</source>
        <translation>تصدير الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="150"/>
        <source>Exporting to {path}…</source>
        <translation>جارٍ التصدير إلى {path}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="191"/>
        <source>Requesting 1 refill…</source>
        <translation>جارٍ طلب إعادة تعبئة واحدة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="192"/>
        <source>Requesting {count} refills…</source>
        <translation>جارٍ طلب {count} إعادات تعبئة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="194"/>
        <source>Requesting 1 cancel…</source>
        <translation>جارٍ طلب إلغاء واحد…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="195"/>
        <source>Requesting {count} cancels…</source>
        <translation>جارٍ طلب {count} عمليات إلغاء…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="207"/>
        <source>Refill results</source>
        <translation>نتائج إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="219"/>
        <source>Cancel results</source>
        <translation>نتائج الإلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="270"/>
        <source>{count} sent; {failures}</source>
        <translation>أُرسل {count}؛ {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="279"/>
        <source>failed on {panel}: {problem}</source>
        <translation>فشل على {panel}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="281"/>
        <source>failed: {problem}</source>
        <translation>فشل: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="41"/>
        <source>The selected order cannot be refilled:</source>
        <translation>لا يمكن إعادة تعبئة الطلب المحدد:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="42"/>
        <source>The selected order cannot be canceled:</source>
        <translation>لا يمكن إلغاء الطلب المحدد:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="47"/>
        <source>None of the {count} selected orders can be refilled:</source>
        <translation>لا يمكن إعادة تعبئة أي من الطلبات المحددة ({count}):</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="48"/>
        <source>None of the {count} selected orders can be canceled:</source>
        <translation>لا يمكن إلغاء أي من الطلبات المحددة ({count}):</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="53"/>
        <source>Refill 1 order?</source>
        <translation>إعادة تعبئة طلب واحد؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="54"/>
        <source>Refill {count} orders?</source>
        <translation>إعادة تعبئة {count} طلبات؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="59"/>
        <source>Cancel 1 order?</source>
        <translation>إلغاء طلب واحد؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="60"/>
        <source>Cancel {count} orders?</source>
        <translation>إلغاء {count} طلبات؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="65"/>
        <source>Refill {some} of the {count} selected orders?</source>
        <translation>إعادة تعبئة {some} من الطلبات المحددة ({count})؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="66"/>
        <source>Cancel {some} of the {count} selected orders?</source>
        <translation>إلغاء {some} من الطلبات المحددة ({count})؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="69"/>
        <source>A cancel request cannot be taken back.</source>
        <translation>لا يمكن التراجع عن طلب الإلغاء.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="77"/>
        <source>1 order will not be sent:</source>
        <translation>لن يُرسل طلب واحد:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="78"/>
        <source>{count} orders will not be sent:</source>
        <translation>لن تُرسل {count} طلبات:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="90"/>
        <source>Refill 1 order</source>
        <translation>إعادة تعبئة طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="91"/>
        <source>Refill {count} orders</source>
        <translation>إعادة تعبئة {count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="93"/>
        <source>Cancel 1 order</source>
        <translation>إلغاء طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="94"/>
        <source>Cancel {count} orders</source>
        <translation>إلغاء {count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="104"/>
        <source>Refill orders</source>
        <translation>إعادة تعبئة الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="105"/>
        <source>Cancel orders</source>
        <translation>إلغاء الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="123"/>
        <source>Don&apos;t refill</source>
        <translation>عدم إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="124"/>
        <source>Don&apos;t cancel</source>
        <translation>عدم الإلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="152"/>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="31"/>
        <source>Accepted</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="32"/>
        <source>Refused</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="33"/>
        <source>Not sent</source>
        <translation>لم يُرسل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="44"/>
        <source>Order ID</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="45"/>
        <source>Link</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="46"/>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="47"/>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="91"/>
        <source>Refill {id}</source>
        <translation>إعادة التعبئة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="72"/>
        <source>Asking the panel about order {id}…</source>
        <translation>جارٍ الاستعلام من اللوحة عن الطلب {id}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="89"/>
        <source>Asking the panel about 1 order ID…</source>
        <translation>جارٍ الاستعلام من اللوحة عن رقم طلب واحد…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="90"/>
        <source>Asking the panel about {count} order IDs…</source>
        <translation>جارٍ الاستعلام من اللوحة عن {count} أرقام طلبات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="127"/>
        <source>Saving 1 order…</source>
        <translation>جارٍ حفظ طلب واحد…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="128"/>
        <source>Saving {count} orders…</source>
        <translation>جارٍ حفظ {count} طلبات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="138"/>
        <source>1 order updated</source>
        <translation>تم تحديث طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="139"/>
        <source>{count} orders updated</source>
        <translation>تم تحديث {count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="144"/>
        <source>1 order without a charge yet kept its price</source>
        <translation>طلب واحد لم تُعرف تكلفته بعد احتفظ بسعره</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="145"/>
        <source>{count} orders without a charge yet kept their price</source>
        <translation>{count} طلبات لم تُعرف تكلفتها بعد احتفظت بأسعارها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="79"/>
        <source>Copied 1 order ID</source>
        <translation>تم نسخ رقم طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="80"/>
        <source>Copied {count} order IDs</source>
        <translation>تم نسخ {count} أرقام طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="83"/>
        <source>1 selected order without an order ID</source>
        <translation>طلب محدد واحد بلا رقم طلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="84"/>
        <source>{count} selected orders without an order ID</source>
        <translation>{count} طلبات محددة بلا رقم طلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="89"/>
        <source>Copied 1 link</source>
        <translation>تم نسخ رابط واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="90"/>
        <source>Copied {count} links</source>
        <translation>تم نسخ {count} روابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="93"/>
        <source>1 selected order without a link</source>
        <translation>طلب محدد واحد بلا رابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="94"/>
        <source>{count} selected orders without a link</source>
        <translation>{count} طلبات محددة بلا رابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="105"/>
        <source>1 refill requested</source>
        <translation>تم طلب إعادة تعبئة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="106"/>
        <source>{count} refills requested</source>
        <translation>تم طلب {count} إعادات تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="116"/>
        <source>1 cancel requested</source>
        <translation>تم طلب إلغاء واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="117"/>
        <source>{count} cancels requested</source>
        <translation>تم طلب {count} عمليات إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="123"/>
        <source>no reason given</source>
        <translation>دون ذكر سبب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="130"/>
        <source>{reason} ({count} times)</source>
        <translation>{reason} ({count} مرات)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="136"/>
        <source>{count} refused: {reasons}</source>
        <translation>رُفض {count}: {reasons}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="141"/>
        <source>{count} not sent</source>
        <translation>لم يُرسل {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="151"/>
        <source>Order {id} marked as placed</source>
        <translation>تم تأكيد تقديم الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="156"/>
        <source>1 order dismissed</source>
        <translation>تم تجاهل طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="157"/>
        <source>{count} orders dismissed</source>
        <translation>تم تجاهل {count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="170"/>
        <source>({count} already tracked)</source>
        <translation>({count} قيد التتبع مسبقًا)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="176"/>
        <source>cancelled before 1 ID was asked</source>
        <translation>أُلغي قبل الاستعلام عن رقم واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="177"/>
        <source>cancelled before {count} IDs were asked</source>
        <translation>أُلغي قبل الاستعلام عن {count} أرقام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="183"/>
        <source>{refusals} and {count} more</source>
        <translation>{refusals} و{count} أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="186"/>
        <source>not recorded, the panel did not confirm: {refusals}</source>
        <translation>لم يُسجَّل، لم تؤكده اللوحة: {refusals}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="195"/>
        <source>1 order added to tracking</source>
        <translation>أُضيف طلب واحد إلى التتبع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="196"/>
        <source>{count} orders added to tracking</source>
        <translation>أُضيفت {count} طلبات إلى التتبع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} قيد التتبع مسبقًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="208"/>
        <source>{count} not confirmed by the panel</source>
        <translation>{count} لم تؤكدها اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="209"/>
        <source>{count} not asked (cancelled)</source>
        <translation>{count} لم يُستعلم عنها (أُلغي)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="215"/>
        <source>Not recorded — the panel did not confirm them:</source>
        <translation>لم تُسجَّل — لم تؤكدها اللوحة:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="218"/>
        <source>Never asked — tracking was cancelled:</source>
        <translation>لم يُستعلم عنها — أُلغي التتبع:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="220"/>
        <source>Added to tracking:</source>
        <translation>أُضيفت إلى التتبع:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="192"/>
        <source>Refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="193"/>
        <source>Ask for a refill</source>
        <translation>طلب إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="197"/>
        <source>Cancel order</source>
        <translation>إلغاء الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="198"/>
        <source>Ask to cancel</source>
        <translation>طلب الإلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="201"/>
        <source>Copy links</source>
        <translation>نسخ الروابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="204"/>
        <source>Copy order IDs</source>
        <translation>نسخ أرقام الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="210"/>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="211"/>
        <source>Save the selected orders as a CSV file (with none selected: every order the tab and the search show)</source>
        <translation>حفظ الطلبات المحددة كملف CSV (إن لم يُحدَّد شيء: كل الطلبات التي يعرضها التبويب والبحث)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="219"/>
        <source>Open link</source>
        <translation>فتح الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="220"/>
        <source>In the browser</source>
        <translation>في المتصفح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="223"/>
        <source>Order again</source>
        <translation>إعادة الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="227"/>
        <source>Order again in bulk…</source>
        <translation>إعادة الطلب جماعيًا…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="228"/>
        <source>A mass order of the selected orders: their service, link and quantity, each on its own panel, checked before anything is sent</source>
        <translation>طلب جماعي من الطلبات المحددة: بخدمتها ورابطها وكميتها، كلٌّ على لوحته، مع التحقق قبل إرسال أي شيء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="236"/>
        <source>Resolve…</source>
        <translation>حسم…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="237"/>
        <source>The order is on the panel: enter its ID</source>
        <translation>الطلب موجود على اللوحة: أدخل رقمه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="241"/>
        <source>Dismiss</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="242"/>
        <source>The order is not on the panel: stop tracking it</source>
        <translation>الطلب غير موجود على اللوحة: أوقف تتبعه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="246"/>
        <source>Track existing order IDs…</source>
        <translation>تتبع أرقام طلبات موجودة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="247"/>
        <source>Track orders placed outside SMMDesk</source>
        <translation>تتبع طلبات قُدّمت خارج SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="251"/>
        <source>Note &amp;&amp; price…</source>
        <translation>الملاحظة والسعر…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="252"/>
        <source>The note, customer and sell price of the selected orders (kept here, never sent to a panel)</source>
        <translation>الملاحظة والعميل وسعر البيع للطلبات المحددة (تُحفظ هنا، ولا تُرسل إلى أي لوحة أبدًا)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="261"/>
        <source>Markups…</source>
        <translation>هوامش الربح…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="262"/>
        <source>Markups per customer and per service</source>
        <translation>هوامش الربح لكل عميل ولكل خدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="32"/>
        <source>not placed on the panel</source>
        <translation>لم يُقدَّم على اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="33"/>
        <source>on another panel</source>
        <translation>على لوحة أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="34"/>
        <source>the service has no refill</source>
        <translation>الخدمة لا تدعم إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="35"/>
        <source>the service has no cancel</source>
        <translation>الخدمة لا تدعم الإلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="36"/>
        <source>canceled, refunded or failed</source>
        <translation>ملغي أو مسترد أو فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="37"/>
        <source>already final</source>
        <translation>في حالة نهائية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="38"/>
        <source>a refill is already running</source>
        <translation>توجد إعادة تعبئة جارية بالفعل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="39"/>
        <source>no order ID</source>
        <translation>لا يوجد رقم طلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="40"/>
        <source>no link</source>
        <translation>لا يوجد رابط</translation>
    </message>
</context>
<context>
    <name>OrderDialogs</name>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="43"/>
        <source>Dismiss 1 unconfirmed order? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>تجاهل طلب واحد غير مؤكد؟ لا تفعل ذلك إلا بعد التحقق من قائمة الطلبات في اللوحة: الطلب المتجاهَل لا يعود قيد التتبع.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="48"/>
        <source>Dismiss {count} unconfirmed orders? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>تجاهل {count} طلبات غير مؤكدة؟ لا تفعل ذلك إلا بعد التحقق من قائمة الطلبات في اللوحة: الطلب المتجاهَل لا يعود قيد التتبع.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="54"/>
        <source>Dismiss unconfirmed orders</source>
        <translation>تجاهل الطلبات غير المؤكدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="60"/>
        <source>Dismiss</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="85"/>
        <source>Correct the order ID</source>
        <translation>تصحيح رقم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="87"/>
        <source>Resolve unconfirmed order</source>
        <translation>حسم طلب غير مؤكد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="97"/>
        <source>e.g. 23501</source>
        <translation>مثال: 23501</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="98"/>
        <source>Panel&apos;s order ID</source>
        <translation>رقم الطلب في اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="106"/>
        <source>Correct the ID</source>
        <translation>تصحيح الرقم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="108"/>
        <source>Mark as placed</source>
        <translation>تأكيد التقديم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="130"/>
        <source>This order</source>
        <translation>هذا الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="131"/>
        <source>On the panel</source>
        <translation>على اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="161"/>
        <source>Asking the panel…</source>
        <translation>جارٍ الاستعلام من اللوحة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="185"/>
        <source>This order was marked as placed by hand on {time} as order {id}. If that is the wrong order, enter the right ID: the panel is asked first, and the history keeps both.</source>
        <translation>أُكِّد تقديم هذا الطلب يدويًا في {time} بالرقم {id}. إن كان هذا الطلب خاطئًا، فأدخل الرقم الصحيح: يُستعلم من اللوحة أولًا، ويحتفظ السجل بالرقمين.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="191"/>
        <source>Find this order in the panel&apos;s order list (compare the time and link below) and enter the order ID it shows there. If it is not there, cancel and dismiss the order instead.</source>
        <translation>ابحث عن هذا الطلب في قائمة الطلبات في اللوحة (قارن الوقت والرابط أدناه) وأدخل رقم الطلب الظاهر هناك. إن لم يكن موجودًا، فألغِ هذه النافذة وتجاهل الطلب بدلًا من ذلك.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="200"/>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="202"/>
        <source>Sent {time}</source>
        <translation>أُرسل {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="203"/>
        <source>Service {id} · {name}</source>
        <translation>الخدمة {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="206"/>
        <source>Link {link}</source>
        <translation>الرابط {link}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="207"/>
        <source>Quantity {quantity}</source>
        <translation>الكمية {quantity}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="213"/>
        <source>Charge ≈ {amount}</source>
        <translation>التكلفة ≈ {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="219"/>
        <source>Order {id}</source>
        <translation>الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="220"/>
        <source>Status {status} ({panel_word})</source>
        <translation>الحالة {status} ({panel_word})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="226"/>
        <source>Charge {amount}</source>
        <translation>التكلفة {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="229"/>
        <source>Start count {count}</source>
        <translation>عدد البداية {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="232"/>
        <source>Remains {count}</source>
        <translation>المتبقي {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="237"/>
        <source>Could not ask the panel: {problem}</source>
        <translation>تعذّر الاستعلام من اللوحة: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="243"/>
        <source>The panel says: {answer}</source>
        <translation>تقول اللوحة: {answer}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="247"/>
        <source>Order {id} is already in this panel&apos;s history.</source>
        <translation>الطلب {id} موجود بالفعل في سجل هذه اللوحة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="252"/>
        <source>This is the ID the order has now.</source>
        <translation>هذا هو الرقم الحالي للطلب.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="254"/>
        <source>The panel knows this order: compare it with this one before confirming.</source>
        <translation>اللوحة تعرف هذا الطلب: قارنه بهذا الطلب قبل التأكيد.</translation>
    </message>
</context>
<context>
    <name>OrderEstimate</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="37"/>
        <source>{unit} per post, open-ended (charged as each post appears)</source>
        <translation>{unit} لكل منشور، بلا حد (تُخصم التكلفة عند ظهور كل منشور)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="44"/>
        <source>{total} (1 post × {unit} per post)</source>
        <translation>{total} (منشور واحد × {unit} لكل منشور)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="46"/>
        <source>{total} ({count} posts × {unit} per post)</source>
        <translation>{total} ({count} منشورات × {unit} لكل منشور)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="50"/>
        <source>{total} (1 run × {unit})</source>
        <translation>{total} (دفعة واحدة × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="52"/>
        <source>{total} ({count} runs × {unit})</source>
        <translation>{total} ({count} دفعات × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="65"/>
        <source>1 package</source>
        <translation>باقة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="72"/>
        <source>1 run × {each} = {total}</source>
        <translation>دفعة واحدة × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="74"/>
        <source>{count} runs × {each} = {total}</source>
        <translation>{count} دفعات × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="84"/>
        <source>1 line</source>
        <translation>سطر واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="85"/>
        <source>{count} lines</source>
        <translation>{count} أسطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="91"/>
        <source>up to {count}</source>
        <translation>حتى {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="95"/>
        <source>{span} per post, open-ended</source>
        <translation>{span} لكل منشور، بلا حد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="97"/>
        <source>{span} per post × 1 post</source>
        <translation>{span} لكل منشور × منشور واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="99"/>
        <source>{span} per post × {count} posts</source>
        <translation>{span} لكل منشور × {count} منشورات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="118"/>
        <source>{balance} — not enough funds for one post</source>
        <translation>{balance} — الرصيد لا يكفي لمنشور واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="120"/>
        <source>{balance} — charged post by post</source>
        <translation>{balance} — تُخصم التكلفة منشورًا بمنشور</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="129"/>
        <source>{balance} — not enough funds</source>
        <translation>{balance} — الرصيد غير كافٍ</translation>
    </message>
</context>
<context>
    <name>OrderFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="27"/>
        <source>&amp;Link</source>
        <translation>ال&amp;رابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="28"/>
        <source>&amp;Quantity</source>
        <translation>ال&amp;كمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="29"/>
        <source>&amp;Drip-feed runs</source>
        <translation>&amp;دفعات Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="30"/>
        <source>&amp;Interval (minutes)</source>
        <translation>الفاصل ال&amp;زمني (بالدقائق)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="31"/>
        <source>&amp;Comments</source>
        <translation>ال&amp;تعليقات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="32"/>
        <source>&amp;Usernames</source>
        <translation>&amp;أسماء المستخدمين</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="33"/>
        <source>&amp;Username</source>
        <translation>اسم المستخ&amp;دم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="34"/>
        <source>&amp;Keywords</source>
        <translation>الكلمات الم&amp;فتاحية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="35"/>
        <source>Hashta&amp;gs</source>
        <translation>ال&amp;هاشتاقات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="36"/>
        <source>Hashta&amp;g</source>
        <translation>ال&amp;هاشتاق</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="37"/>
        <source>Media &amp;URL</source>
        <translation>رابط ال&amp;وسائط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="38"/>
        <source>Comment &amp;author</source>
        <translation>&amp;صاحب التعليق</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="39"/>
        <source>&amp;Answer number</source>
        <translation>رقم الإ&amp;جابة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="40"/>
        <source>&amp;Groups</source>
        <translation>المجموعا&amp;ت</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="41"/>
        <source>M&amp;in per post</source>
        <translation>ال&amp;حد الأدنى لكل منشور</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="42"/>
        <source>M&amp;ax per post</source>
        <translation>الحد الأ&amp;قصى لكل منشور</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="43"/>
        <source>Ne&amp;w posts</source>
        <translation>المنشورات ال&amp;جديدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="44"/>
        <source>O&amp;ld posts</source>
        <translation>المنشورات القد&amp;يمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="45"/>
        <source>&amp;Delay (minutes)</source>
        <translation>ال&amp;تأخير (بالدقائق)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="46"/>
        <source>&amp;Expiry</source>
        <translation>تاريخ الا&amp;نتهاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="49"/>
        <source>The page, post or profile URL</source>
        <translation>رابط الصفحة أو المنشور أو الحساب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="50"/>
        <source>Leave empty for no drip-feed</source>
        <translation>اتركه فارغًا لعدم استخدام Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="51"/>
        <source>One comment per line</source>
        <translation>تعليق واحد في كل سطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="52"/>
        <source>One username per line</source>
        <translation>اسم مستخدم واحد في كل سطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="53"/>
        <source>One keyword per line</source>
        <translation>كلمة مفتاحية واحدة في كل سطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="54"/>
        <source>One hashtag per line</source>
        <translation>هاشتاق واحد في كل سطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="55"/>
        <source>Username of the comment&apos;s author</source>
        <translation>اسم مستخدم صاحب التعليق</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="56"/>
        <source>One group per line</source>
        <translation>مجموعة واحدة في كل سطر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="57"/>
        <source>Empty = unlimited</source>
        <translation>فارغ = بلا حد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="58"/>
        <source>dd/mm/yyyy</source>
        <translation>يوم/شهر/سنة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="107"/>
        <source>{label} (optional)</source>
        <translation>{label} (اختياري)</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="136"/>
        <source>Place order</source>
        <translation>تقديم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="152"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="153"/>
        <source>Estimated charge</source>
        <translation>التكلفة التقديرية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="154"/>
        <source>Balance after</source>
        <translation>الرصيد بعد الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="161"/>
        <source>&amp;Service</source>
        <translation>ال&amp;خدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="217"/>
        <source>Pick a service to order.</source>
        <translation>اختر خدمة لطلبها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="281"/>
        <source>Order {id} placed</source>
        <translation>تم تقديم الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="497"/>
        <source>Unconfirmed: {error} — the panel may have placed it. Check the panel&apos;s order list for this link before ordering again, then resolve it in Orders.</source>
        <translation>غير مؤكد: {error} — ربما قدّمت اللوحة الطلب. تحقق من قائمة الطلبات في اللوحة لهذا الرابط قبل الطلب مجددًا، ثم احسمه في «الطلبات».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="507"/>
        <source>The panel refused: no reason given</source>
        <translation>رفضت اللوحة الطلب: دون ذكر سبب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="510"/>
        <source>The panel refused: {error}</source>
        <translation>رفضت اللوحة الطلب: {error}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/sending_note.py" line="24"/>
        <source>Waiting for the panel&apos;s answer… ({service}): it gives up at {time}, in {seconds} s; an unclear answer is kept as unconfirmed, never sent again</source>
        <translation>في انتظار رد اللوحة… ({service}): ينتهي الانتظار عند {time}، بعد {seconds} ثانية؛ والرد غير الواضح يُحفظ كغير مؤكد، ولا يُرسل مجددًا أبدًا</translation>
    </message>
</context>
<context>
    <name>OrderNotes</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="46"/>
        <source>e.g. 12.50, or +30% over the charge</source>
        <translation>مثال: 12.50، أو ‎+30% فوق التكلفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="90"/>
        <source>Who this order is for (optional)</source>
        <translation>لمن هذا الطلب (اختياري)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="94"/>
        <source>A reminder for you; never sent to the panel</source>
        <translation>تذكير لك؛ لا يُرسل إلى اللوحة أبدًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="100"/>
        <source>&amp;Markups…</source>
        <translation>هوامش الر&amp;بح…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="103"/>
        <source>Markups per customer and per service, which fill in the sell price</source>
        <translation>هوامش الربح لكل عميل ولكل خدمة، وهي التي تملأ سعر البيع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="117"/>
        <source>Custome&amp;r (optional)</source>
        <translation>ال&amp;عميل (اختياري)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="120"/>
        <source>&amp;Note (optional)</source>
        <translation>ال&amp;ملاحظة (اختياري)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="121"/>
        <source>Sell &amp;price (optional)</source>
        <translation>&amp;سعر البيع (اختياري)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="177"/>
        <source>Sold for ≈ {price}</source>
        <translation>سعر البيع ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="236"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>إن تُرك فارغًا، يحدده هامش ربح العميل ({markup}): ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="240"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it</source>
        <translation>إن تُرك فارغًا، يحدده هامش ربح العميل ({markup})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="242"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>إن تُرك فارغًا، يحدده هامش ربح هذه الخدمة ({markup}): ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="245"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it</source>
        <translation>إن تُرك فارغًا، يحدده هامش ربح هذه الخدمة ({markup})</translation>
    </message>
</context>
<context>
    <name>OrderProblems</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="63"/>
        <source>{field} is required</source>
        <translation>حقل {field} مطلوب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="64"/>
        <source>{field} is too large</source>
        <translation>قيمة {field} كبيرة جدًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="65"/>
        <source>{field} must be a whole number</source>
        <translation>يجب أن تكون قيمة {field} عددًا صحيحًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="66"/>
        <source>{field} must be one of {choices}</source>
        <translation>يجب أن تكون قيمة {field} إحدى القيم: {choices}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="67"/>
        <source>A link is a single line</source>
        <translation>يجب أن يكون الرابط سطرًا واحدًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="68"/>
        <source>A link cannot contain spaces or control characters</source>
        <translation>لا يمكن أن يحتوي الرابط على مسافات أو أحرف تحكم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="69"/>
        <source>A link is at most {limit} characters (this one has {count})</source>
        <translation>الحد الأقصى لطول الرابط {limit} حرفًا (هذا الرابط {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="72"/>
        <source>A link starts with http:// or https://, not {scheme}:</source>
        <translation>يبدأ الرابط بـ http:// أو https://، وليس {scheme}:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="73"/>
        <source>This link has no address after http(s)://</source>
        <translation>لا يوجد عنوان بعد http(s):// في هذا الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="74"/>
        <source>This link&apos;s address is not valid</source>
        <translation>عنوان هذا الرابط غير صالح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="75"/>
        <source>{field} is a single line without control characters</source>
        <translation>يجب أن يكون حقل {field} سطرًا واحدًا بلا أحرف تحكم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="76"/>
        <source>{field} is at most {limit} characters</source>
        <translation>الحد الأقصى لطول {field} هو {limit} حرفًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="77"/>
        <source>{field}: at most {limit} lines (you have {count})</source>
        <translation>{field}: {limit} أسطر كحد أقصى (لديك {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="78"/>
        <source>At least {limit} (you have {count})</source>
        <translation>{limit} على الأقل (لديك {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="79"/>
        <source>At most {limit} (you have {count})</source>
        <translation>{limit} كحد أقصى (لديك {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="80"/>
        <source>At least 1 post (leave empty for no limit)</source>
        <translation>منشور واحد على الأقل (اتركه فارغًا لعدم وضع حد)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="81"/>
        <source>At least {limit}</source>
        <translation>{limit} على الأقل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="82"/>
        <source>At most {limit}</source>
        <translation>{limit} كحد أقصى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="83"/>
        <source>Max must not be below min</source>
        <translation>يجب ألا يقل الحد الأقصى عن الحد الأدنى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="84"/>
        <source>Drip-feed needs at least 2 runs</source>
        <translation>يحتاج Drip-feed إلى دفعتين على الأقل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="85"/>
        <source>Drip-feed needs an interval of at least 1 minute</source>
        <translation>يحتاج Drip-feed إلى فاصل زمني لا يقل عن دقيقة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="86"/>
        <source>“{text}” is not an amount. Type an amount such as 12.50, or a markup such as +30%.</source>
        <translation>«{text}» ليس مبلغًا. اكتب مبلغًا مثل 12.50، أو هامش ربح مثل ‎+30%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="90"/>
        <source>That amount is too large.</source>
        <translation>هذا المبلغ كبير جدًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="91"/>
        <source>An amount has at most 7 decimals.</source>
        <translation>المبلغ له 7 منازل عشرية كحد أقصى.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="92"/>
        <source>“{text}” is not a markup. Type a percentage, such as 30.</source>
        <translation>«{text}» ليس هامش ربح. اكتب نسبة مئوية، مثل 30.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="93"/>
        <source>A markup lies between -100% and 100,000%.</source>
        <translation>يقع هامش الربح بين ‎-100% و‎100,000%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="94"/>
        <source>Type the markup before the %, such as +30%.</source>
        <translation>اكتب هامش الربح قبل علامة %، مثل ‎+30%.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="45"/>
        <source>⚠ Unconfirmed</source>
        <translation>⚠ غير مؤكد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="46"/>
        <source>✕ Rejected</source>
        <translation>✕ مرفوض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="47"/>
        <source>Sending…</source>
        <translation>جارٍ الإرسال…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="48"/>
        <source>Dismissed</source>
        <translation>متجاهَل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="37"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="38"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="19"/>
        <source>Pending</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="39"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="20"/>
        <source>In progress</source>
        <translation>قيد التنفيذ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="40"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="21"/>
        <source>Completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="22"/>
        <source>Partial</source>
        <translation>جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="42"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="23"/>
        <source>Canceled</source>
        <translation>ملغي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="43"/>
        <source>Unconfirmed</source>
        <translation>غير مؤكدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="44"/>
        <source>Rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="24"/>
        <source>Refunded</source>
        <translation>مسترد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="25"/>
        <source>Failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="26"/>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="27"/>
        <source>Paused</source>
        <translation>متوقف مؤقتًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="28"/>
        <source>Expired</source>
        <translation>منتهي الصلاحية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="29"/>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
</context>
<context>
    <name>OrderTwins</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="24"/>
        <source>being sent</source>
        <translation>قيد الإرسال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="25"/>
        <source>unconfirmed</source>
        <translation>غير مؤكد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="32"/>
        <source>order {id}</source>
        <translation>الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="34"/>
        <source>#{id} (no order ID yet)</source>
        <translation>#{id} (بلا رقم طلب بعد)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="36"/>
        <source>service {id}</source>
        <translation>الخدمة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="56"/>
        <source>… and {count} more</source>
        <translation>… و{count} أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="69"/>
        <source>An unconfirmed order for this link may already be on the panel. Check that panel&apos;s order list for this link first: if the order is there, resolve it in Orders with its ID instead of ordering again.</source>
        <translation>قد يكون طلب غير مؤكد لهذا الرابط موجودًا بالفعل على اللوحة. تحقق أولًا من قائمة الطلبات في تلك اللوحة لهذا الرابط: إن كان الطلب موجودًا، فاحسمه في «الطلبات» برقمه بدلًا من الطلب مجددًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="76"/>
        <source>This link already has an active order. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>لهذا الرابط طلب نشط بالفعل. ترفض اللوحات طلبًا ثانيًا للرابط نفسه، أو تنفذ الطلبين معًا، حتى يكتمل الأول.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="81"/>
        <source>This link already has {count} active orders. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>لهذا الرابط {count} طلبات نشطة بالفعل. ترفض اللوحات طلبًا ثانيًا للرابط نفسه، أو تنفذ الطلبين معًا، حتى يكتمل الأول.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="91"/>
        <source>placed, not checked yet</source>
        <translation>مُقدَّم، لم يُتحقق منه بعد</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="80"/>
        <source>Panel says: {status}</source>
        <translation>تقول اللوحة: {status}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="95"/>
        <source>Not known (tracked by its ID)</source>
        <translation>غير معروفة (متتبَّع برقم الطلب)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="122"/>
        <source>{span} per post</source>
        <translation>{span} لكل منشور</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="125"/>
        <source>{span} × 1 post</source>
        <translation>{span} × منشور واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="126"/>
        <source>{span} × {count} posts</source>
        <translation>{span} × {count} منشورات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="144"/>
        <source>Run {done} of {runs}</source>
        <translation>الدفعة {done} من {runs}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="150"/>
        <source>1 post served</source>
        <translation>تم تنفيذ منشور واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="151"/>
        <source>{count} posts served</source>
        <translation>تم تنفيذ {count} منشورات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="174"/>
        <source>Check the panel, then Resolve… (it is there) or Dismiss (it is not).</source>
        <translation>تحقق في اللوحة، ثم اختر «حسم…» (إن كان موجودًا) أو «تجاهل» (إن لم يكن).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="213"/>
        <source>Sell {sell} − estimated charge {charge} = {profit}</source>
        <translation>البيع {sell} − التكلفة التقديرية {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="215"/>
        <source>Sell {sell} − charge {charge} = {profit}</source>
        <translation>البيع {sell} − التكلفة {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="224"/>
        <source>Counted at what was delivered ({percent}%): the panel&apos;s charge is for the whole order, so both are scaled.</source>
        <translation>محسوب على ما تم تسليمه ({percent}%): تكلفة اللوحة للطلب كاملًا، لذا يُعدَّل الاثنان بالنسبة نفسها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="230"/>
        <source>Counted at what was delivered ({percent}%): the panel already charged only what it delivered.</source>
        <translation>محسوب على ما تم تسليمه ({percent}%): لم تحتسب اللوحة إلا تكلفة ما سلّمته.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="61"/>
        <source>Spend {spend}</source>
        <translation>المصروف {spend}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="63"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit}</source>
        <translation>المصروف {spend} · البيع {sell} · الربح {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="65"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit} ({sold} of {orders} sold)</source>
        <translation>المصروف {spend} · البيع {sell} · الربح {profit} (بيع {sold} من {orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="87"/>
        <source>Search ID, link, service, customer, note…</source>
        <translation>ابحث بالرقم أو الرابط أو الخدمة أو العميل أو الملاحظة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="90"/>
        <source>Every word, in any order, without case or accents: “ana promocao” finds “Promoção” orders for customer Ana</source>
        <translation>كل كلمة، بأي ترتيب، دون اعتبار لحالة الأحرف أو علامات التشكيل: «ana promocao» تجد طلبات «Promoção» للعميلة Ana</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="98"/>
        <source>All panels</source>
        <translation>كل اللوحات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="101"/>
        <source>Every panel&apos;s orders in one list, with a Panel column; actions go to each order&apos;s own panel</source>
        <translation>طلبات كل اللوحات في قائمة واحدة، مع عمود «اللوحة»؛ وتُرسل الإجراءات إلى لوحة كل طلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="107"/>
        <source>Refresh now</source>
        <translation>التحديث الآن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="116"/>
        <source>What the orders shown cost and sold for, per currency: orders the panel took, partial ones counted at what was delivered; profit counts the orders with a sell price</source>
        <translation>تكلفة الطلبات المعروضة وسعر بيعها، لكل عملة: الطلبات التي قبلتها اللوحة، والجزئية منها محسوبة على ما تم تسليمه؛ ويشمل الربح الطلبات التي لها سعر بيع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="146"/>
        <source>{tab} ({count})</source>
        <translation>{tab} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="153"/>
        <source>1 order matching “{search}”</source>
        <translation>طلب واحد يطابق «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="154"/>
        <source>{count} orders matching “{search}”</source>
        <translation>{count} طلبات تطابق «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>1 order</source>
        <translation>طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>{count} orders</source>
        <translation>{count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="167"/>
        <source>Adding up…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="176"/>
        <source>All 1 order selected</source>
        <translation>تم تحديد الطلب الوحيد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="177"/>
        <source>All {count} orders selected</source>
        <translation>تم تحديد كل الطلبات ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="180"/>
        <source>{count} selected</source>
        <translation>المحدد: {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="91"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="92"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="93"/>
        <source>Order ID</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="94"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="95"/>
        <source>Link</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="96"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="97"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="98"/>
        <source>Charge</source>
        <translation>التكلفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="99"/>
        <source>Sell price</source>
        <translation>سعر البيع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="100"/>
        <source>Profit</source>
        <translation>الربح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="101"/>
        <source>Start count</source>
        <translation>عدد البداية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="102"/>
        <source>Remains</source>
        <translation>المتبقي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="103"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="104"/>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="105"/>
        <source>Note</source>
        <translation>الملاحظة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="106"/>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="254"/>
        <source>Panel {id}</source>
        <translation>اللوحة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="137"/>
        <source>Refreshing statuses…</source>
        <translation>جارٍ تحديث الحالات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="443"/>
        <source>Refresh failed — {problem}</source>
        <translation>فشل التحديث — {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="452"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="32"/>
        <source>No order in {tab} matches “{search}”.</source>
        <translation>لا يوجد طلب في «{tab}» يطابق «{search}».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="35"/>
        <source>Clear the search</source>
        <translation>مسح البحث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="39"/>
        <source>No orders in {tab}.</source>
        <translation>لا توجد طلبات في «{tab}».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="40"/>
        <source>Show all orders</source>
        <translation>عرض كل الطلبات</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="70"/>
        <source>The amount cannot be negative.</source>
        <translation>لا يمكن أن يكون المبلغ سالبًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="75"/>
        <source>At most {count} decimals, as panels keep.</source>
        <translation>{count} منازل عشرية كحد أقصى، كما تعتمدها اللوحات.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="86"/>
        <source>Type an amount such as {example}, or leave it empty for no warning.</source>
        <translation>اكتب مبلغًا مثل {example}، أو اتركه فارغًا لعدم التنبيه.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="47"/>
        <source>1 order unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>طلب واحد غير مؤكد على {panel}: تحقق في اللوحة، ثم احسمه أو تجاهله</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="50"/>
        <source>{count} orders unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>{count} طلبات غير مؤكدة على {panel}: تحقق في اللوحة، ثم احسمها أو تجاهلها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="57"/>
        <source>1 order refused on {panel} since yesterday</source>
        <translation>طلب واحد مرفوض على {panel} منذ الأمس</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="58"/>
        <source>{count} orders refused on {panel} since yesterday</source>
        <translation>{count} طلبات مرفوضة على {panel} منذ الأمس</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="62"/>
        <source>1 order partial on {panel}, refill still possible</source>
        <translation>طلب واحد جزئي على {panel}، ولا تزال إعادة التعبئة ممكنة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="63"/>
        <source>{count} orders partial on {panel}, refill still possible</source>
        <translation>{count} طلبات جزئية على {panel}، ولا تزال إعادة التعبئة ممكنة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="139"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="260"/>
        <source>Show these orders in the Orders tab</source>
        <translation>عرض هذه الطلبات في تبويب «الطلبات»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="147"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="227"/>
        <source>Link: shows these orders in the Orders tab</source>
        <translation>رابط: يعرض هذه الطلبات في تبويب «الطلبات»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="26"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="27"/>
        <source>The panel; the demo panel&apos;s money is pretend</source>
        <translation>اللوحة؛ أموال اللوحة التجريبية وهمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="30"/>
        <source>Balance</source>
        <translation>الرصيد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="31"/>
        <source>The balance as last fetched, and whether it is below your warning</source>
        <translation>الرصيد كما جُلب آخر مرة، وما إذا كان أقل من حد التنبيه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="36"/>
        <source>Warn below</source>
        <translation>حد التنبيه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="37"/>
        <source>Warn when the balance is below this amount (edit in place)</source>
        <translation>التنبيه عندما يقل الرصيد عن هذا المبلغ (يُعدَّل في مكانه)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="40"/>
        <source>Active</source>
        <translation>نشطة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="41"/>
        <source>Orders pending or in progress</source>
        <translation>الطلبات قيد الانتظار أو قيد التنفيذ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="44"/>
        <source>Unconfirmed</source>
        <translation>غير مؤكدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="45"/>
        <source>Orders whose placing is unclear: check them on the panel</source>
        <translation>طلبات لم يتأكد تقديمها: تحقق منها في اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="48"/>
        <source>Failed refills</source>
        <translation>إعادات تعبئة فاشلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="49"/>
        <source>Orders whose latest refill was refused, rejected or failed (last 30 days)</source>
        <translation>طلبات كانت آخر إعادة تعبئة لها مرفوضة أو فاشلة (آخر 30 يومًا)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="54"/>
        <source>Spent today</source>
        <translation>مصروف اليوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="55"/>
        <source>Charged for orders placed today, per currency</source>
        <translation>تكلفة الطلبات المقدمة اليوم، لكل عملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="58"/>
        <source>7 days</source>
        <translation>7 أيام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="59"/>
        <source>Charged for orders placed in the last 7 days, per currency</source>
        <translation>تكلفة الطلبات المقدمة في آخر 7 أيام، لكل عملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="62"/>
        <source>30 days</source>
        <translation>30 يومًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="63"/>
        <source>Charged for orders placed in the last 30 days, per currency</source>
        <translation>تكلفة الطلبات المقدمة في آخر 30 يومًا، لكل عملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="78"/>
        <source>&amp;Refresh</source>
        <translation>تحدي&amp;ث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="81"/>
        <source>Read the figures again and fetch every panel&apos;s balance</source>
        <translation>إعادة قراءة الأرقام وجلب رصيد كل لوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="92"/>
        <source>Needs attention</source>
        <translation>يحتاج إلى انتباه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="100"/>
        <source>Nothing needs your attention.</source>
        <translation>لا شيء يحتاج إلى انتباهك.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="124"/>
        <source>The Demo panel&apos;s balance is pretend money: orders placed there are simulated and cost nothing. Add your own panel to see its balance, its orders and what you spend here, next to every other panel you use.</source>
        <translation>رصيد اللوحة التجريبية أموال وهمية: الطلبات المقدمة فيها محاكاة ولا تكلّف شيئًا. أضف لوحتك الخاصة لترى رصيدها وطلباتها وما تنفقه هنا، بجانب كل لوحة أخرى تستخدمها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="131"/>
        <source>&amp;Add your panel…</source>
        <translation>أ&amp;ضف لوحتك…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="258"/>
        <source>Double-click or press F2 to change; empty: no warning</source>
        <translation>انقر نقرًا مزدوجًا أو اضغط F2 للتغيير؛ فارغ: بلا تنبيه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="110"/>
        <source>Reading the figures…</source>
        <translation>جارٍ قراءة الأرقام…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="139"/>
        <source>Figures of {time}</source>
        <translation>الأرقام حتى {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="153"/>
        <source>The figures could not be read: {problem}</source>
        <translation>تعذّرت قراءة الأرقام: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="217"/>
        <source>Warning for {panel} not changed: {problem}</source>
        <translation>لم يتغيّر حد التنبيه للوحة {panel}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="48"/>
        <source>{name} (pretend money)</source>
        <translation>{name} (أموال وهمية)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="58"/>
        <source>{money} · low</source>
        <translation>{money} · منخفض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="67"/>
        <source>Last known balance: {money}</source>
        <translation>آخر رصيد معروف: {money}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="69"/>
        <source>The balance has not been fetched yet.</source>
        <translation>لم يُجلب الرصيد بعد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="72"/>
        <source>Below your warning of {money}.</source>
        <translation>أقل من حد التنبيه البالغ {money}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="74"/>
        <source>The demo panel&apos;s money is pretend: nothing is real.</source>
        <translation>أموال اللوحة التجريبية وهمية: لا شيء حقيقي.</translation>
    </message>
</context>
<context>
    <name>PanelListModel</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="58"/>
        <source>Built-in demo panel: no key needed</source>
        <translation>لوحة تجريبية مدمجة: لا حاجة إلى مفتاح</translation>
    </message>
</context>
<context>
    <name>PanelSwitcher</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="75"/>
        <source>Active panel</source>
        <translation>اللوحة النشطة</translation>
    </message>
</context>
<context>
    <name>PanelsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="20"/>
        <source>optional, e.g. socks5://user:password@host:1080</source>
        <translation>اختياري، مثال: socks5://user:password@host:1080</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="22"/>
        <source>no limit</source>
        <translation>بلا حد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="24"/>
        <source>Most panels allow 60 to 120 requests a minute per key. Set the panel&apos;s limit here so SMMDesk never exceeds it; leave empty for no limit.</source>
        <translation>تسمح معظم اللوحات بـ 60 إلى 120 طلب API في الدقيقة لكل مفتاح. اضبط حد اللوحة هنا حتى لا يتجاوزه SMMDesk أبدًا؛ اتركه فارغًا لعدم وضع حد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="14"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>مفتاح API الخاص بك من صفحة API في اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="15"/>
        <source>Type a new key to replace it</source>
        <translation>اكتب مفتاحًا جديدًا لاستبداله</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="25"/>
        <source>Key: saved in the system keyring.</source>
        <translation>المفتاح: محفوظ في حافظة مفاتيح النظام.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="27"/>
        <source>Key: kept for this session only; enter it again after restarting SMMDesk.</source>
        <translation>المفتاح: محفوظ لهذه الجلسة فقط؛ أدخله مرة أخرى بعد إعادة تشغيل SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="33"/>
        <source>Key: none for this session (the system keyring is not in use).</source>
        <translation>المفتاح: لا يوجد لهذه الجلسة (حافظة مفاتيح النظام غير مستخدمة).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="38"/>
        <source>Key: no key saved.</source>
        <translation>المفتاح: لا يوجد مفتاح محفوظ.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="39"/>
        <source>Key: the system keyring cannot be read. {problem}</source>
        <translation>المفتاح: تتعذّر قراءة حافظة مفاتيح النظام. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="46"/>
        <source>The API key of removed panel “{panel}” may still be in the system keyring (SMMDesk closed before deleting it).</source>
        <translation>قد يظل مفتاح API للوحة المحذوفة «{panel}» في حافظة مفاتيح النظام (أُغلق SMMDesk قبل حذفه).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="51"/>
        <source>The API key of removed panel “{panel}” could not be deleted from the system keyring: {problem}</source>
        <translation>تعذّر حذف مفتاح API للوحة المحذوفة «{panel}» من حافظة مفاتيح النظام: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="61"/>
        <source>Retry deleting the keys</source>
        <translation>إعادة محاولة حذف المفاتيح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="62"/>
        <source>Retry deleting the key</source>
        <translation>إعادة محاولة حذف المفتاح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="69"/>
        <source>The key and proxy password cannot be saved</source>
        <translation>لا يمكن حفظ المفتاح وكلمة مرور البروكسي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="70"/>
        <source>{why}

Keep the key and proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

هل تريد الاحتفاظ بالمفتاح وكلمة مرور البروكسي في الذاكرة لهذه الجلسة فقط؟ ستحتاج إلى إدخالهما مرة أخرى بعد إعادة تشغيل SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="76"/>
        <source>The key cannot be saved</source>
        <translation>لا يمكن حفظ المفتاح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="77"/>
        <source>{why}

Keep the key in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

هل تريد الاحتفاظ بالمفتاح في الذاكرة لهذه الجلسة فقط؟ ستحتاج إلى إدخاله مرة أخرى بعد إعادة تشغيل SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="83"/>
        <source>The proxy password cannot be saved</source>
        <translation>لا يمكن حفظ كلمة مرور البروكسي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="84"/>
        <source>{why}

Keep the proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

هل تريد الاحتفاظ بكلمة مرور البروكسي في الذاكرة لهذه الجلسة فقط؟ ستحتاج إلى إدخالها مرة أخرى بعد إعادة تشغيل SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="12"/>
        <source>The built-in demo panel needs no key and cannot be edited or removed.</source>
        <translation>اللوحة التجريبية المدمجة لا تحتاج إلى مفتاح ولا يمكن تعديلها أو حذفها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="19"/>
        <source>Remove “{panel}”? Its cached catalogue and the order history kept on this computer are deleted too; orders on the panel itself are not affected.</source>
        <translation>حذف «{panel}»؟ ستُحذف أيضًا قائمة خدماتها المخزنة وسجل الطلبات المحفوظ على هذا الكمبيوتر؛ ولن تتأثر الطلبات على اللوحة نفسها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <source>Remove panel</source>
        <translation>حذف اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="29"/>
        <source>This API URL uses plain http://, so your API key and orders would travel unencrypted and could be read by anyone on the network path.

Use it anyway?</source>
        <translation>يستخدم API URL هذا بروتوكول http:// العادي، لذا سينتقل مفتاح API وطلباتك دون تشفير ويمكن لأي شخص على مسار الشبكة قراءتها.

هل تريد استخدامه على أي حال؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="35"/>
        <source>Unencrypted connection</source>
        <translation>اتصال غير مشفّر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="36"/>
        <source>Use http:// anyway</source>
        <translation>استخدام http:// على أي حال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="79"/>
        <source>Panels</source>
        <translation>اللوحات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="112"/>
        <source>e.g. My main panel</source>
        <translation>مثال: لوحتي الرئيسية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="119"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Show</source>
        <translation>إظهار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="122"/>
        <source>Show or hide the key</source>
        <translation>إظهار المفتاح أو إخفاؤه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="126"/>
        <source>Test connection</source>
        <translation>اختبار الاتصال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="129"/>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="169"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="170"/>
        <source>API URL</source>
        <translation>API URL</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="171"/>
        <source>Proxy</source>
        <translation>البروكسي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="172"/>
        <source>Requests a minute</source>
        <translation>طلبات API في الدقيقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="173"/>
        <source>API key</source>
        <translation>مفتاح API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Hide</source>
        <translation>إخفاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="233"/>
        <source>Enter the API key (from the panel&apos;s API page).</source>
        <translation>أدخل مفتاح API (من صفحة API في اللوحة).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="261"/>
        <source>Enter the API key to test the connection.</source>
        <translation>أدخل مفتاح API لاختبار الاتصال.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="268"/>
        <source>Testing the connection…</source>
        <translation>جارٍ اختبار الاتصال…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="275"/>
        <source>Connected. Balance: {balance}</source>
        <translation>تم الاتصال. الرصيد: {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="292"/>
        <source>The key is kept in memory for this session only.</source>
        <translation>يُحفظ المفتاح في الذاكرة لهذه الجلسة فقط.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="327"/>
        <source>Key: {problem}</source>
        <translation>المفتاح: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="372"/>
        <source>Key: checking where it is…</source>
        <translation>المفتاح: جارٍ التحقق من مكانه…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="377"/>
        <source>New panel</source>
        <translation>لوحة جديدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="399"/>
        <source>A panel needs a name and its API URL.</source>
        <translation>تحتاج اللوحة إلى اسم وإلى API URL الخاص بها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="414"/>
        <source>Use the panel&apos;s https:// address.</source>
        <translation>استخدم عنوان https:// الخاص باللوحة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="429"/>
        <source>Use for this session only</source>
        <translation>استخدامه لهذه الجلسة فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="434"/>
        <source>Saved without a key: enter it again when a keyring works.</source>
        <translation>حُفظت دون مفتاح: أدخله مرة أخرى عندما تعمل حافظة المفاتيح.</translation>
    </message>
</context>
<context>
    <name>PriceBoardModel</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="41"/>
        <source>not compared</source>
        <translation>غير مُقارَن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="66"/>
        <source>Rate</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="67"/>
        <source>Panel&apos;s rate</source>
        <translation>سعر اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="68"/>
        <source>Min</source>
        <translation>الحد الأدنى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="69"/>
        <source>Max</source>
        <translation>الحد الأقصى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="70"/>
        <source>Refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="71"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="72"/>
        <source>Completion</source>
        <translation>الإكمال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="75"/>
        <source>From your own orders: the median time from placed to completed, and in brackets how many orders it rests on. Empty: you never had an order of it completed.</source>
        <translation>من طلباتك أنت: وسيط الزمن من تقديم الطلب حتى اكتماله، وبين قوسين عدد الطلبات التي يستند إليها. فارغ: لم يكتمل لك أي طلب من هذه الخدمة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="97"/>
        <source>Lifetime</source>
        <translation>مدى الحياة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="99"/>
        <source>No refill</source>
        <translation>بدون إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="101"/>
        <source>{count} days</source>
        <translation>{count} يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="109"/>
        <source>{duration} ({orders})</source>
        <translation>{duration} ({orders})</translation>
    </message>
</context>
<context>
    <name>PriceBoardPane</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="63"/>
        <source>Search every panel: words in any order…</source>
        <translation>ابحث في كل اللوحات: كلمات بأي ترتيب…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Compare in</source>
        <translation>&amp;قارن بعملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Rates…</source>
        <translation>أسعار ال&amp;صرف…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="75"/>
        <source>&amp;Order on this panel</source>
        <translation>اطلب من &amp;هذه اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="156"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>جارٍ قراءة قوائم خدمات كل اللوحات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="207"/>
        <source>No service of any panel matches “{search}”.</source>
        <translation>لا توجد خدمة في أي لوحة تطابق «{search}».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="210"/>
        <source>Clear the search</source>
        <translation>مسح البحث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="249"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>لا توجد قائمة خدمات مخزنة بعد: افتح تبويب «الخدمات» للوحة مرة واحدة لجلبها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="277"/>
        <source>{summary} Not compared until a balance says their currency: {panels}.</source>
        <translation>{summary} لا تُقارن حتى يُظهر الرصيد عملتها: {panels}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="256"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>لوحة واحدة، عدد الخدمات: {services}، الأرخص أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="257"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>عدد اللوحات: {panels}، عدد الخدمات: {services}، الأرخص أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="259"/>
        <source>1 panel, {services} services: none can be compared in {currency}.</source>
        <translation>لوحة واحدة، عدد الخدمات: {services}: لا يمكن مقارنة أي منها بعملة {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="262"/>
        <source>{panels} panels, {services} services: none can be compared in {currency}.</source>
        <translation>عدد اللوحات: {panels}، عدد الخدمات: {services}: لا يمكن مقارنة أي منها بعملة {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="271"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} غير مُقارَنة (لا يوجد سعر صرف لـ {currencies}): أضف سعرًا عبر «أسعار الصرف…»</translation>
    </message>
</context>
<context>
    <name>PriceWatch</name>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="18"/>
        <source>no longer listed</source>
        <translation>لم تعد مدرجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="32"/>
        <source>Seen</source>
        <translation>تاريخ الرصد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="33"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="34"/>
        <source>ID</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="35"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="36"/>
        <source>Old rate</source>
        <translation>السعر القديم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="37"/>
        <source>New rate</source>
        <translation>السعر الجديد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="38"/>
        <source>Change</source>
        <translation>التغيّر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="52"/>
        <source>gone</source>
        <translation>أُزيلت</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="61"/>
        <source>{change}%</source>
        <translation>{change}%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="30"/>
        <source>No service you ordered in the last {days} days changed its price or left a panel&apos;s catalogue. Changes are seen when a catalogue is refreshed (Services tab).</source>
        <translation>لم تتغيّر أسعار أي خدمة طلبتها في آخر {days} يومًا ولم تُحذف من قائمة خدمات أي لوحة. تُرصد التغييرات عند تحديث قائمة الخدمات (تبويب «الخدمات»).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="41"/>
        <source>1 price change</source>
        <translation>تغيّر سعر واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="42"/>
        <source>{count} price changes</source>
        <translation>{count} تغييرات أسعار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="45"/>
        <source>{changes} and {gone}</source>
        <translation>{changes} و{gone}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="49"/>
        <source>1 service no longer listed</source>
        <translation>خدمة واحدة لم تعد مدرجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="50"/>
        <source>{count} services no longer listed</source>
        <translation>{count} خدمات لم تعد مدرجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="53"/>
        <source>{what} among the services you ordered in the last {days} days, newest first. Rates are per 1000 (per package for packages), in each panel&apos;s currency.</source>
        <translation>{what} بين الخدمات التي طلبتها في آخر {days} يومًا، الأحدث أولًا. الأسعار لكل 1000 (لكل باقة في الباقات)، بعملة كل لوحة.</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="22"/>
        <source>One currency a line, as CODE=value: what one unit is worth in {board}. For example EUR=1.08 or INR=0.012. Lines that do not read so are left out.</source>
        <translation>عملة واحدة في كل سطر، بصيغة CODE=value: قيمة الوحدة الواحدة بعملة {board}. مثال: EUR=1.08 أو INR=0.012. تُتجاهل الأسطر التي لا تتبع هذه الصيغة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="27"/>
        <source>Conversion rates</source>
        <translation>أسعار الصرف</translation>
    </message>
</context>
<context>
    <name>RecoveryNotice</name>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="26"/>
        <source>1 order was being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>كان طلب واحد قيد الإرسال عندما أُغلق SMMDesk آخر مرة. وُضعت عليه علامة «غير مؤكدة»: تحقق منه في لوحته، ثم احسمه أو تجاهله.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="32"/>
        <source>{count} orders were being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>كانت {count} طلبات قيد الإرسال عندما أُغلق SMMDesk آخر مرة. وُضعت عليها علامة «غير مؤكدة»: تحقق من كل منها في لوحته، ثم احسمه أو تجاهله.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="37"/>
        <source>Show unconfirmed orders</source>
        <translation>عرض الطلبات غير المؤكدة</translation>
    </message>
</context>
<context>
    <name>RefillWindows</name>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="43"/>
        <source>Guarantee ends</source>
        <translation>ينتهي الضمان</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="44"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="45"/>
        <source>Order ID</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="46"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="47"/>
        <source>Link</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="48"/>
        <source>Guarantee</source>
        <translation>الضمان</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="49"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="50"/>
        <source>Dropped</source>
        <translation>انخفض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="53"/>
        <source>Tick when the count on the link fell: the panel is not asked about a finished order again, so only you can see it.</source>
        <translation>ضع علامة عندما ينخفض العدد على الرابط: لا تُسأل اللوحة عن طلب منتهٍ مرة أخرى، لذا لا يراه أحد غيرك.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="65"/>
        <source>Pending</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="66"/>
        <source>In progress</source>
        <translation>قيد التنفيذ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="67"/>
        <source>Completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="68"/>
        <source>Partial</source>
        <translation>جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="69"/>
        <source>Canceled</source>
        <translation>ملغي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="70"/>
        <source>Refunded</source>
        <translation>مسترد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="71"/>
        <source>Failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="72"/>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="73"/>
        <source>Paused</source>
        <translation>متوقف مؤقتًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="74"/>
        <source>Expired</source>
        <translation>منتهي الصلاحية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="75"/>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="84"/>
        <source>within the hour</source>
        <translation>خلال ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="87"/>
        <source>in {count} h</source>
        <translation>بعد {count} ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="91"/>
        <source>in 1 day</source>
        <translation>بعد يوم واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="92"/>
        <source>in {count} days</source>
        <translation>بعد {count} يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="94"/>
        <source>{when} ({time})</source>
        <translation>{when} ({time})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="105"/>
        <source>partial</source>
        <translation>جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="110"/>
        <source>lifetime</source>
        <translation>مدى الحياة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="147"/>
        <source>{state}, finished {age}</source>
        <translation>{state}، انتهى {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="62"/>
        <source>No refill guarantee ends in the next {days}.</source>
        <translation>لا ينتهي أي ضمان لإعادة التعبئة في غضون {days}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="63"/>
        <source>Listed here are completed or partial orders whose service promised a refill period in its name or description (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), with no refill running; services that state no period are never listed.</source>
        <translation>تُدرج هنا الطلبات المكتملة أو الجزئية التي وعدت خدمتها بمدة لإعادة التعبئة في اسمها أو وصفها (&quot;30 Days Refill&quot;، &quot;R30&quot;، &quot;Lifetime&quot;)، دون إعادة تعبئة جارية؛ ولا تُدرج أبدًا الخدمات التي لا تذكر مدة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="74"/>
        <source>{orders} whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} ينتهي ضمان إعادة تعبئتها في غضون {days}، الأقرب أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>1 panel</source>
        <translation>لوحة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>{count} panels</source>
        <translation>{count} لوحات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="130"/>
        <source> days</source>
        <translation> يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="131"/>
        <source>Guarantee ends &amp;within</source>
        <translation>ينتهي الضمان &amp;خلال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="56"/>
        <source>Dropped or partial</source>
        <translation>المنخفضة أو الجزئية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="57"/>
        <source>Every closing guarantee</source>
        <translation>كل الضمانات التي تنتهي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="81"/>
        <source>{orders} that dropped or went partial, whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} انخفضت أو أصبحت جزئية، وينتهي ضمان إعادة تعبئتها خلال {days}، الأقرب أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="92"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. 1 order&apos;s guarantee ends then: show every closing guarantee and tick Dropped if its count fell.</source>
        <translation>لا يوجد طلب انخفض أو أصبح جزئيًا ينتهي ضمان إعادة تعبئته خلال {days}. ينتهي ضمان طلب واحد خلالها: اعرض كل الضمانات التي تنتهي وضع علامة «انخفض» إن انخفض عدده.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="98"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. {count} orders&apos; guarantees end then: show every closing guarantee and tick Dropped for those whose count fell.</source>
        <translation>لا يوجد طلب انخفض أو أصبح جزئيًا ينتهي ضمان إعادة تعبئته خلال {days}. تنتهي ضمانات {count} طلبات خلالها: اعرض كل الضمانات التي تنتهي وضع علامة «انخفض» على التي انخفض عددها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="136"/>
        <source>&amp;Show</source>
        <translation>إ&amp;ظهار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="140"/>
        <source>&amp;Refill dropped and partial</source>
        <translation>إعادة &amp;تعبئة المنخفضة والجزئية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="240"/>
        <source>Ask for a refill of {orders} on {panels}?</source>
        <translation>طلب إعادة تعبئة {orders} على {panels}؟</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="243"/>
        <source>Refill orders</source>
        <translation>إعادة تعبئة الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="247"/>
        <source>Refill 1 order</source>
        <translation>إعادة تعبئة طلب واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="248"/>
        <source>Refill {count} orders</source>
        <translation>إعادة تعبئة {count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="252"/>
        <source>Don&apos;t refill</source>
        <translation>عدم إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="268"/>
        <source>Requesting 1 refill…</source>
        <translation>جارٍ طلب إعادة تعبئة واحدة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="269"/>
        <source>Requesting {count} refills…</source>
        <translation>جارٍ طلب {count} إعادات تعبئة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="290"/>
        <source>{summary}. Not sent: {failures}</source>
        <translation>{summary}. لم يُرسل: {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="295"/>
        <source>Refill results</source>
        <translation>نتائج إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="307"/>
        <source>{panel}: {reason}</source>
        <translation>{panel}: {reason}</translation>
    </message>
</context>
<context>
    <name>Refills</name>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="61"/>
        <source>Refill ID</source>
        <translation>رقم إعادة التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="62"/>
        <source>Order ID</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="63"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="64"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="65"/>
        <source>Requested</source>
        <translation>تاريخ الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="66"/>
        <source>Updated</source>
        <translation>آخر تحديث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="67"/>
        <source>Error</source>
        <translation>الخطأ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="71"/>
        <source>Pending</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="72"/>
        <source>In progress</source>
        <translation>قيد التنفيذ</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="73"/>
        <source>Completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="74"/>
        <source>Rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="75"/>
        <source>Failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="76"/>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="91"/>
        <source>Refused</source>
        <translation>لم يُقبل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="230"/>
        <source>Panel {id}</source>
        <translation>اللوحة {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="105"/>
        <source>Refreshing refills…</source>
        <translation>جارٍ تحديث إعادات التعبئة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="158"/>
        <source>Search refill ID, order ID, panel, status…</source>
        <translation>ابحث برقم إعادة التعبئة أو رقم الطلب أو اللوحة أو الحالة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="161"/>
        <source>All panels</source>
        <translation>كل اللوحات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="164"/>
        <source>Every panel&apos;s refills in one list, with a Panel column</source>
        <translation>إعادات تعبئة كل اللوحات في قائمة واحدة، مع عمود «اللوحة»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="166"/>
        <source>Refresh now</source>
        <translation>التحديث الآن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="274"/>
        <source>Refresh failed — {reason}</source>
        <translation>فشل التحديث — {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="284"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="303"/>
        <source>1 refill matching “{search}”</source>
        <translation>إعادة تعبئة واحدة تطابق «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="304"/>
        <source>{count} refills matching “{search}”</source>
        <translation>{count} إعادات تعبئة تطابق «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>{count} refills</source>
        <translation>{count} إعادات تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>1 refill</source>
        <translation>إعادة تعبئة واحدة</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="55"/>
        <source>Others</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="57"/>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="77"/>
        <source>(none)</source>
        <translation>(لا يوجد)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="64"/>
        <source>unknown currency</source>
        <translation>عملة غير معروفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="66"/>
        <source>Spend ({currency})</source>
        <translation>المصروف ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="67"/>
        <source>Profit ({currency})</source>
        <translation>الربح ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="33"/>
        <source>Period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="34"/>
        <source>Group</source>
        <translation>المجموعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="35"/>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="36"/>
        <source>Orders</source>
        <translation>الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="37"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Spend</source>
        <translation>المصروف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="38"/>
        <source>With sell price</source>
        <translation>بسعر بيع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="39"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Profit</source>
        <translation>الربح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="48"/>
        <source>week of {day}</source>
        <translation>أسبوع {day}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="22"/>
        <source>No orders yet. Spending reports add up the orders you place from SMMDesk (or track by ID): place one from New order or Mass order and it appears here.</source>
        <translation>لا توجد طلبات بعد. تجمع تقارير المصروف الطلبات التي تقدّمها من SMMDesk (أو تتتبعها برقمها): قدّم طلبًا من «طلب جديد» أو «طلب جماعي» وسيظهر هنا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="29"/>
        <source>The start date is after the end date: pick a start on or before the end.</source>
        <translation>تاريخ البداية بعد تاريخ النهاية: اختر بداية في تاريخ النهاية أو قبله.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="34"/>
        <source>Profit needs the sell price of each order, which this history does not record yet. Spend is shown instead.</source>
        <translation>يحتاج الربح إلى سعر بيع كل طلب، وهذا السجل لا يحفظه بعد. يُعرض المصروف بدلًا منه.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="42"/>
        <source>{count} days are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>عدد الأيام ({count}) يتطلب أعمدة أكثر مما يتسع له مخطط واحد: اختر الأشهر أو مدة أقصر. يسرد الجدول أدناه كل الأسطر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="47"/>
        <source>{count} weeks are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>عدد الأسابيع ({count}) يتطلب أعمدة أكثر مما يتسع له مخطط واحد: اختر الأشهر أو مدة أقصر. يسرد الجدول أدناه كل الأسطر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="52"/>
        <source>{count} months are too many bars for one chart: choose fewer years or a shorter range. The table below lists every line.</source>
        <translation>عدد الأشهر ({count}) يتطلب أعمدة أكثر مما يتسع له مخطط واحد: اختر سنوات أقل أو مدة أقصر. يسرد الجدول أدناه كل الأسطر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="67"/>
        <source>unknown</source>
        <translation>غير معروفة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="80"/>
        <source>{count} orders from {first} to {last}.</source>
        <translation>{count} طلبات من {first} إلى {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="86"/>
        <source>1 order from {first} to {last}: {spent} spent.</source>
        <translation>طلب واحد من {first} إلى {last}: المصروف {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="87"/>
        <source>{count} orders from {first} to {last}: {spent} spent.</source>
        <translation>{count} طلبات من {first} إلى {last}: المصروف {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="99"/>
        <source>Profit {profit} on the 1 order with a sell price.</source>
        <translation>الربح {profit} من الطلب الوحيد الذي له سعر بيع.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="100"/>
        <source>Profit {profit} on the {count} orders with a sell price.</source>
        <translation>الربح {profit} من {count} طلبات لها سعر بيع.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="121"/>
        <source>This order has no sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>هذا الطلب ليس له سعر بيع، لذا لا يوجد ربح لعرضه. حدّد أسعار البيع في تبويب «الطلبات»، أو اعرض المصروف.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="126"/>
        <source>None of these {count} orders has a sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>لا يوجد سعر بيع لأي من هذه الطلبات ({count})، لذا لا يوجد ربح لعرضه. حدّد أسعار البيع في تبويب «الطلبات»، أو اعرض المصروف.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="139"/>
        <source>Amounts in {currencies} are kept apart, never added together. The chart shows {shown}; pick another currency above. The table lists them all.</source>
        <translation>تبقى المبالغ بالعملات {currencies} منفصلة، ولا تُجمع أبدًا. يعرض المخطط {shown}؛ اختر عملة أخرى في الأعلى. ويسردها الجدول كلها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="152"/>
        <source>Nothing was spent in this currency and range: its orders were canceled, refunded or failed, and the panels gave the money back.</source>
        <translation>لم يُصرف شيء بهذه العملة في هذه المدة: طلباتها ملغاة أو مستردة أو فاشلة، وأعادت اللوحات المال.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="157"/>
        <source>Profit is zero on every order with a sell price in this range.</source>
        <translation>الربح صفر في كل طلب له سعر بيع في هذه المدة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="166"/>
        <source>No orders were placed from {first} to {last}.</source>
        <translation>لم تُقدَّم أي طلبات من {first} إلى {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="171"/>
        <source>That range is in the future.</source>
        <translation>هذه المدة في المستقبل.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="177"/>
        <source>Your one order was placed on {first}.</source>
        <translation>قُدّم طلبك الوحيد في {first}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="178"/>
        <source>Your {count} orders were placed from {first} to {last}.</source>
        <translation>قُدّمت طلباتك ({count}) من {first} إلى {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="61"/>
        <source>Last 7 days</source>
        <translation>آخر 7 أيام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="62"/>
        <source>Last 30 days</source>
        <translation>آخر 30 يومًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="63"/>
        <source>Last 90 days</source>
        <translation>آخر 90 يومًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="64"/>
        <source>Last 12 months</source>
        <translation>آخر 12 شهرًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="65"/>
        <source>Custom</source>
        <translation>مخصص</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Day</source>
        <translation>يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Week</source>
        <translation>أسبوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="68"/>
        <source>Month</source>
        <translation>شهر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="70"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="71"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="72"/>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="73"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="124"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;تصدير CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="126"/>
        <source>Save &amp;chart…</source>
        <translation>حفظ المخط&amp;ط…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="132"/>
        <source>&amp;Range</source>
        <translation>ال&amp;فترة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="133"/>
        <source>&amp;From</source>
        <translation>&amp;من</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="134"/>
        <source>&amp;To</source>
        <translation>&amp;إلى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="135"/>
        <source>&amp;By</source>
        <translation>&amp;حسب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="145"/>
        <source>&amp;Per</source>
        <translation>&amp;لكل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="146"/>
        <source>&amp;Show</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="147"/>
        <source>C&amp;urrency</source>
        <translation>&amp;العملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="214"/>
        <source>Adding up your orders…</source>
        <translation>جارٍ جمع طلباتك…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="331"/>
        <source>Export report</source>
        <translation>تصدير التقرير</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="346"/>
        <source>Save chart</source>
        <translation>حفظ المخطط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="351"/>
        <source>PNG images (*.png)</source>
        <translation>صور PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="385"/>
        <source>Exported 1 chart to {path}</source>
        <translation>تم تصدير مخطط واحد إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="388"/>
        <source>Exported 1 line to {path}</source>
        <translation>تم تصدير سطر واحد إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="389"/>
        <source>Exported {count} lines to {path}</source>
        <translation>تم تصدير {count} أسطر إلى {path}</translation>
    </message>
</context>
<context>
    <name>Scorecard</name>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="44"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="45"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="46"/>
        <source>Orders</source>
        <translation>الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="47"/>
        <source>Spend</source>
        <translation>المصروف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="48"/>
        <source>Placed → started</source>
        <translation>التقديم ← البدء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="49"/>
        <source>90% started within</source>
        <translation>بدء 90% خلال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="50"/>
        <source>Placed → completed</source>
        <translation>التقديم ← الاكتمال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="51"/>
        <source>90% completed within</source>
        <translation>اكتمال 90% خلال</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="52"/>
        <source>Partial</source>
        <translation>جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="53"/>
        <source>Canceled</source>
        <translation>ملغي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="54"/>
        <source>Refunded</source>
        <translation>مسترد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="55"/>
        <source>Failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="56"/>
        <source>Refills</source>
        <translation>إعادات التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="57"/>
        <source>Stuck</source>
        <translation>عالق</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="61"/>
        <source>partial</source>
        <translation>جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="62"/>
        <source>canceled</source>
        <translation>ملغي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="63"/>
        <source>refunded</source>
        <translation>مسترد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="64"/>
        <source>failed</source>
        <translation>فاشل</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="78"/>
        <source>{asked} asked: {done} done, {refused} refused</source>
        <translation>طُلب {asked}: نُفّذ {done}، رُفض {refused}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="103"/>
        <source>(every service)</source>
        <translation>(كل الخدمات)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="152"/>
        <source>From your 1 order: {spent} spent.</source>
        <translation>من طلبك الوحيد: المصروف {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="153"/>
        <source>From your {count} orders: {spent} spent.</source>
        <translation>من طلباتك ({count}): المصروف {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="156"/>
        <source>Placed → started: {spread}.</source>
        <translation>التقديم ← البدء: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="159"/>
        <source>Placed → completed: {spread}.</source>
        <translation>التقديم ← الاكتمال: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="164"/>
        <source>{outcome} {share}</source>
        <translation>{outcome} {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="175"/>
        <source>Of 1 finished order: {shares}.</source>
        <translation>من طلب واحد منتهٍ: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="176"/>
        <source>Of {count} finished orders: {shares}.</source>
        <translation>من {count} طلبات منتهية: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="182"/>
        <source>Refills: {refills}.</source>
        <translation>إعادات التعبئة: {refills}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="188"/>
        <source>1 order with no progress lately.</source>
        <translation>طلب واحد بلا تقدم مؤخرًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="189"/>
        <source>{count} orders with no progress lately.</source>
        <translation>{count} طلبات بلا تقدم مؤخرًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="27"/>
        <source>No orders yet. The scorecard is worked out from your own orders: how fast each service started and completed, how often it ended partial, canceled or refunded. Place orders and it fills in as they progress.</source>
        <translation>لا توجد طلبات بعد. تُحسب بطاقة الأداء من طلباتك أنت: مدى سرعة بدء كل خدمة واكتمالها، وكم مرة انتهت جزئية أو ملغاة أو مستردة. قدّم طلبات وستمتلئ مع تقدمها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per service</source>
        <translation>لكل خدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per panel</source>
        <translation>لكل لوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="57"/>
        <source> h</source>
        <translation> ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="59"/>
        <source>An order not final with no progress for this long is stuck</source>
        <translation>الطلب غير المنتهي الذي لا يتقدم طوال هذه المدة يُعد عالقًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="61"/>
        <source>&amp;Stuck after no progress for</source>
        <translation>يُعد &amp;عالقًا بعد توقف التقدم لمدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="95"/>
        <source>Working out the scorecard from your orders…</source>
        <translation>جارٍ حساب بطاقة الأداء من طلباتك…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="150"/>
        <source>From your {orders} on {panels}, {services}. Times run from placing to the first refresh that saw the order started or completed; each figure says how many orders it rests on.</source>
        <translation>بناءً على {orders} قدّمتها على {panels}، تشمل {services}. تُحسب الأوقات من التقديم حتى أول تحديث رأى الطلب قد بدأ أو اكتمل؛ ويذكر كل رقم عدد الطلبات التي يستند إليها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>1 panel</source>
        <translation>لوحة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>{count} panels</source>
        <translation>{count} لوحات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="162"/>
        <source>1 service</source>
        <translation>خدمة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="163"/>
        <source>{count} services</source>
        <translation>{count} خدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="168"/>
        <source>One order is too few to judge a provider by.</source>
        <translation>طلب واحد لا يكفي للحكم على مزوّد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="173"/>
        <source>1 order had no progress for {hours} h or more.</source>
        <translation>طلب واحد لم يتقدم منذ {hours} ساعة أو أكثر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="174"/>
        <source>{count} orders had no progress for {hours} h or more.</source>
        <translation>{count} طلبات لم تتقدم منذ {hours} ساعة أو أكثر.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="22"/>
        <source>You have not ordered this service yet: no figures of your own.</source>
        <translation>لم تطلب هذه الخدمة بعد: لا توجد أرقام خاصة بك.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="49"/>
        <source>Reading your orders of this service…</source>
        <translation>جارٍ قراءة طلباتك لهذه الخدمة…</translation>
    </message>
</context>
<context>
    <name>ServiceDetails</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="52"/>
        <source>Service description</source>
        <translation>وصف الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="57"/>
        <source>Order this</source>
        <translation>اطلبها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="60"/>
        <source>Open the New order form with this service ({key})</source>
        <translation>فتح نموذج «طلب جديد» بهذه الخدمة ({key})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="84"/>
        <source>Select a service to see its details.</source>
        <translation>حدّد خدمة لعرض تفاصيلها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="89"/>
        <source>The panel gives no description.</source>
        <translation>لا تقدّم اللوحة وصفًا لهذه الخدمة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="96"/>
        <source>ID {id} · {category}</source>
        <translation>الرقم {id} · {category}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="129"/>
        <source>ID {id} · {type} · {category}</source>
        <translation>الرقم {id} · {type} · {category}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="132"/>
        <source>Rate: {rate}</source>
        <translation>السعر: {rate}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="133"/>
        <source>Quantity: {min} to {max}</source>
        <translation>الكمية: من {min} إلى {max}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="140"/>
        <source>{change}: {detail}</source>
        <translation>{change}: {detail}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="151"/>
        <source>Refill: yes</source>
        <translation>إعادة تعبئة: نعم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="153"/>
        <source>Refill: no</source>
        <translation>إعادة تعبئة: لا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="154"/>
        <source>Cancel: yes</source>
        <translation>إلغاء: نعم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="156"/>
        <source>Cancel: no</source>
        <translation>إلغاء: لا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="157"/>
        <source>Drip-feed: yes</source>
        <translation>Drip-feed: نعم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="159"/>
        <source>Drip-feed: no</source>
        <translation>Drip-feed: لا</translation>
    </message>
</context>
<context>
    <name>ServiceFilter</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="32"/>
        <source>All categories</source>
        <translation>كل الفئات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="33"/>
        <source>{star} Favourites</source>
        <translation>{star} المفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="37"/>
        <source>Search name, category or ID  (Ctrl+F)</source>
        <translation>ابحث بالاسم أو الفئة أو الرقم  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="39"/>
        <source>Search services</source>
        <translation>البحث في الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="41"/>
        <source>Every word you type must appear in the service&apos;s name, category or ID, in any order</source>
        <translation>يجب أن تظهر كل كلمة تكتبها في اسم الخدمة أو فئتها أو رقمها، بأي ترتيب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="54"/>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="56"/>
        <source>A category, or {favourites}: your starred services and those the panel dropped</source>
        <translation>فئة، أو {favourites}: الخدمات التي وضعت عليها نجمة وتلك التي أزالتها اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="64"/>
        <source>&amp;Refill</source>
        <translation>إعادة تعب&amp;ئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="65"/>
        <source>Only services you can ask a refill for</source>
        <translation>الخدمات التي يمكنك طلب إعادة تعبئة لها فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="69"/>
        <source>C&amp;ancel</source>
        <translation>إل&amp;غاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="70"/>
        <source>Only services whose orders you can ask to cancel</source>
        <translation>الخدمات التي يمكنك طلب إلغاء طلباتها فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="74"/>
        <source>&amp;Drip-feed</source>
        <translation>&amp;Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="75"/>
        <source>Only services that can be delivered in runs</source>
        <translation>الخدمات التي يمكن تسليمها على دفعات فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="79"/>
        <source>Changes on&amp;ly</source>
        <translation>التغييرات &amp;فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="80"/>
        <source>Only services that are new or re-priced since the last fetch</source>
        <translation>الخدمات الجديدة أو التي تغيّر سعرها منذ آخر جلب فقط</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="58"/>
        <source>Favourite</source>
        <translation>مفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="59"/>
        <source>Ordered recently</source>
        <translation>طُلبت مؤخرًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="71"/>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="63"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="72"/>
        <source>Rate / 1000</source>
        <translation>السعر / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="73"/>
        <source>Min – max</source>
        <translation>الحد الأدنى – الأقصى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="231"/>
        <source>Favourite or recent</source>
        <translation>مفضلة أو حديثة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="57"/>
        <source>Clear search</source>
        <translation>مسح البحث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="114"/>
        <source>No service matches “{typed}”. Esc goes back.</source>
        <translation>لا توجد خدمة تطابق «{typed}». Esc للرجوع.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="118"/>
        <source>This panel lists no services yet.</source>
        <translation>لا تعرض هذه اللوحة أي خدمات بعد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="186"/>
        <source>1 service matches · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>خدمة واحدة مطابقة · ↑ ↓ للتنقل، Enter للاختيار، Esc للرجوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="190"/>
        <source>{count} services match · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} خدمات مطابقة · ↑ ↓ للتنقل، Enter للاختيار، Esc للرجوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="194"/>
        <source>1 service · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>خدمة واحدة · ↑ ↓ للتنقل، Enter للاختيار، Esc للرجوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="197"/>
        <source>{count} services · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} خدمات · ↑ ↓ للتنقل، Enter للاختيار، Esc للرجوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="61"/>
        <source>Search services by ID, name or category…</source>
        <translation>ابحث عن الخدمات بالرقم أو الاسم أو الفئة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="70"/>
        <source>All services (Down)</source>
        <translation>كل الخدمات (↓)</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="27"/>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="28"/>
        <source>Price ↑</source>
        <translation>السعر ↑</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="29"/>
        <source>Price ↓</source>
        <translation>السعر ↓</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="49"/>
        <source>New since the previous fetch of the catalogue</source>
        <translation>جديدة منذ الجلب السابق لقائمة الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="50"/>
        <source>was {old}, now {new}</source>
        <translation>كان {old}، والآن {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="55"/>
        <source>ID</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="56"/>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="57"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="58"/>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="59"/>
        <source>Rate / 1000</source>
        <translation>السعر / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="60"/>
        <source>Min</source>
        <translation>الحد الأدنى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="61"/>
        <source>Max</source>
        <translation>الحد الأقصى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="62"/>
        <source>Refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="63"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="64"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="67"/>
        <source>The panel&apos;s ID of the service</source>
        <translation>رقم الخدمة في اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="68"/>
        <source>What the order form asks for this service (Default, Package, …)</source>
        <translation>ما يطلبه نموذج الطلب لهذه الخدمة (Default، Package، …)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="71"/>
        <source>The panel&apos;s price per 1000, or per package for package services</source>
        <translation>سعر اللوحة لكل 1000، أو لكل باقة في خدمات الباقات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="74"/>
        <source>The smallest quantity the panel accepts</source>
        <translation>أصغر كمية تقبلها اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="75"/>
        <source>The largest quantity the panel accepts</source>
        <translation>أكبر كمية تقبلها اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="76"/>
        <source>✓: you can ask the panel for a refill</source>
        <translation>✓: يمكنك طلب إعادة تعبئة من اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="77"/>
        <source>✓: you can ask the panel to cancel the order</source>
        <translation>✓: يمكنك أن تطلب من اللوحة إلغاء الطلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="78"/>
        <source>✓: the order can be delivered in runs (drip-feed)</source>
        <translation>✓: يمكن تسليم الطلب على دفعات (Drip-feed)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="81"/>
        <source>Favourites: click a star, or press Ctrl+D</source>
        <translation>المفضلة: انقر على نجمة، أو اضغط Ctrl+D</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="85"/>
        <source>Rate per 1000</source>
        <translation>السعر لكل 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="86"/>
        <source>Minimum quantity</source>
        <translation>الحد الأدنى للكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="87"/>
        <source>Maximum quantity</source>
        <translation>الحد الأقصى للكمية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="88"/>
        <source>Favourite</source>
        <translation>مفضلة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="95"/>
        <source>New · {name}</source>
        <translation>جديدة · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="106"/>
        <source>Order this</source>
        <translation>اطلبها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="111"/>
        <source>Refresh catalogue</source>
        <translation>تحديث قائمة الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="114"/>
        <source>Fetch the panel&apos;s services and prices again (F5)</source>
        <translation>جلب خدمات اللوحة وأسعارها من جديد (F5)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="121"/>
        <source>Refreshing the catalogue</source>
        <translation>جارٍ تحديث قائمة الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="154"/>
        <source>Services</source>
        <translation>الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="217"/>
        <source>Refreshing the catalogue…</source>
        <translation>جارٍ تحديث قائمة الخدمات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="297"/>
        <source>Could not refresh the catalogue: {reason}</source>
        <translation>تعذّر تحديث قائمة الخدمات: {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="355"/>
        <source>Show all services</source>
        <translation>عرض كل الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="359"/>
        <source>Clear search and filters</source>
        <translation>مسح البحث وعوامل التصفية</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="417"/>
        <source>Loading catalogue…</source>
        <translation>جارٍ تحميل قائمة الخدمات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="424"/>
        <source>Fetched {time}</source>
        <translation>جُلبت في {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="438"/>
        <source>1 service · catalogue from cache, fetched {age}</source>
        <translation>خدمة واحدة · من قائمة الخدمات المخزنة، جُلبت {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="440"/>
        <source>{count} services · catalogue from cache, fetched {age}</source>
        <translation>{count} خدمات · من قائمة الخدمات المخزنة، جُلبت {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="442"/>
        <source>1 service · fetched {age}</source>
        <translation>خدمة واحدة · جُلبت {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="444"/>
        <source>{count} services · fetched {age}</source>
        <translation>{count} خدمات · جُلبت {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="451"/>
        <source>Catalogue refreshed</source>
        <translation>تم تحديث قائمة الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="453"/>
        <source>Catalogue refreshed: no changes since the last fetch</source>
        <translation>تم تحديث قائمة الخدمات: لا تغييرات منذ آخر جلب</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="454"/>
        <source>Catalogue refreshed: {new} new, {repriced} re-priced, {gone} no longer listed</source>
        <translation>تم تحديث قائمة الخدمات: {new} جديدة، {repriced} تغيّر سعرها، {gone} لم تعد مدرجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="464"/>
        <source>No service matches the search and filters.</source>
        <translation>لا توجد خدمة تطابق البحث وعوامل التصفية.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="472"/>
        <source>1 service was skipped: {entries}</source>
        <translation>تم تخطي خدمة واحدة: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="474"/>
        <source>{count} services were skipped: {entries}</source>
        <translation>تم تخطي {count} خدمات: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="482"/>
        <source>… and {count} more</source>
        <translation>… و{count} أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="484"/>
        <source>The panel&apos;s answer had entries SMMDesk could not read. A skipped service that was cached before keeps its cached details here.</source>
        <translation>احتوى رد اللوحة على عناصر لم يستطع SMMDesk قراءتها. الخدمة المتخطاة التي كانت مخزنة من قبل تحتفظ هنا بتفاصيلها المخزنة.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../smmdesk/settings.py" line="36"/>
        <source>Refresh orders every (seconds)</source>
        <translation>فاصل تحديث الطلبات (بالثواني)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="43"/>
        <source>Answer timeout (seconds)</source>
        <translation>مهلة الرد (بالثواني)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="50"/>
        <source>Connect timeout (seconds)</source>
        <translation>مهلة الاتصال (بالثواني)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="57"/>
        <source>Requests in flight per panel</source>
        <translation>طلبات API المتزامنة لكل لوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="66"/>
        <source>Mass order: orders sent at once</source>
        <translation>الطلب الجماعي: عدد الطلبات المرسلة دفعة واحدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="71"/>
        <source>Refresh orders automatically</source>
        <translation>تحديث الطلبات تلقائيًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="73"/>
        <source>Theme</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="75"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="79"/>
        <source>Closing the window keeps SMMDesk tracking in the tray</source>
        <translation>إغلاق النافذة يُبقي SMMDesk يتابع من علبة النظام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="85"/>
        <source>Orders completed</source>
        <translation>اكتمال الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="86"/>
        <source>Orders gone partial</source>
        <translation>تحوّل الطلبات إلى جزئي</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="87"/>
        <source>Orders canceled</source>
        <translation>إلغاء الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="88"/>
        <source>Orders refunded</source>
        <translation>استرداد الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="89"/>
        <source>Refills completed</source>
        <translation>اكتمال إعادات التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="90"/>
        <source>Refills rejected or failed</source>
        <translation>رفض إعادات التعبئة أو فشلها</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="91"/>
        <source>Orders that became unconfirmed</source>
        <translation>تحوّل الطلبات إلى غير مؤكدة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="92"/>
        <source>A balance below its warning</source>
        <translation>انخفاض رصيد عن حد التنبيه</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="95"/>
        <source>Prices of services ordered lately changed</source>
        <translation>تغيّر أسعار خدمات طُلبت مؤخرًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="99"/>
        <source>Active panel</source>
        <translation>اللوحة النشطة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="112"/>
        <source>Compare prices in</source>
        <translation>مقارنة الأسعار بعملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="115"/>
        <source>Conversion rates</source>
        <translation>أسعار الصرف</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="38"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="118"/>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="40"/>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="43"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>عدد طلبات الطلب الجماعي التي تُرسل دفعة واحدة. الدفعة الجاري تقديمها تحتفظ بعددها؛ والدفعة التالية التي تبدأ أو تُستأنف تستخدم العدد الجديد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="60"/>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="121"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>يسري عند تشغيل SMMDesk في المرة القادمة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="125"/>
        <source>Notify me when</source>
        <translation>أعلمني عند</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="136"/>
        <source>Price board</source>
        <translation>لوحة الأسعار</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="149"/>
        <source>One currency a line, as CODE=value: what one unit is worth in the currency prices are compared in, for example EUR=1.08. Never looked up online.</source>
        <translation>عملة واحدة في كل سطر، بالصيغة الرمز=القيمة: قيمة الوحدة الواحدة بالعملة التي تُقارن بها الأسعار، مثل EUR=1.08. لا يُبحث عنها عبر الإنترنت أبدًا.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="65"/>
        <source>Talking to the panel…</source>
        <translation>جارٍ الاتصال باللوحة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="94"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>جارٍ تحديث الطلبات: {done} من {total}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="112"/>
        <source>Updated {time}</source>
        <translation>تم التحديث {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="119"/>
        <source>Balance: …</source>
        <translation>الرصيد: …</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="124"/>
        <source>Balance: {balance}</source>
        <translation>الرصيد: {balance}</translation>
    </message>
</context>
<context>
    <name>StorageProblemDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="83"/>
        <source>SMMDesk cannot open its data</source>
        <translation>يتعذّر على SMMDesk فتح بياناته</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="112"/>
        <source>To keep SMMDesk&apos;s data in another folder, start it with --data-dir, for example: smmdesk --data-dir D:\SMMDesk</source>
        <translation>لحفظ بيانات SMMDesk في مجلد آخر، شغّله مع --data-dir، مثال: smmdesk --data-dir D:\SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="138"/>
        <source>Restore the backup from {time}</source>
        <translation>استعادة النسخة الاحتياطية من {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="141"/>
        <source>Open the history read-only</source>
        <translation>فتح السجل للقراءة فقط</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="142"/>
        <source>Try again</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="143"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="24"/>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="27"/>
        <source>Copy as tab-separated text with a header row, to paste into a spreadsheet</source>
        <translation>نسخ كنص مفصول بعلامات الجدولة مع صف عناوين، للصقه في جدول بيانات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="38"/>
        <source>Copied 1 order as a table</source>
        <translation>تم نسخ طلب واحد كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="39"/>
        <source>Copied {count} orders as a table</source>
        <translation>تم نسخ {count} طلبات كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="42"/>
        <source>Copied 1 service as a table</source>
        <translation>تم نسخ خدمة واحدة كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="43"/>
        <source>Copied {count} services as a table</source>
        <translation>تم نسخ {count} خدمات كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="46"/>
        <source>Copied 1 refill as a table</source>
        <translation>تم نسخ إعادة تعبئة واحدة كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="47"/>
        <source>Copied {count} refills as a table</source>
        <translation>تم نسخ {count} إعادات تعبئة كجدول</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="52"/>
        <source>Exported 1 order to {path}</source>
        <translation>تم تصدير طلب واحد إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="53"/>
        <source>Exported {count} orders to {path}</source>
        <translation>تم تصدير {count} طلبات إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="56"/>
        <source>Exported 1 service to {path}</source>
        <translation>تم تصدير خدمة واحدة إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="57"/>
        <source>Exported {count} services to {path}</source>
        <translation>تم تصدير {count} خدمات إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="60"/>
        <source>Exported 1 refill to {path}</source>
        <translation>تم تصدير إعادة تعبئة واحدة إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="61"/>
        <source>Exported {count} refills to {path}</source>
        <translation>تم تصدير {count} إعادات تعبئة إلى {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="68"/>
        <source>Export services</source>
        <translation>تصدير الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="69"/>
        <source>Save the services shown as a CSV file</source>
        <translation>حفظ الخدمات المعروضة كملف CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="70"/>
        <source>Exporting services</source>
        <translation>تصدير الخدمات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="73"/>
        <source>Export refills</source>
        <translation>تصدير إعادات التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="74"/>
        <source>Save the refills shown as a CSV file</source>
        <translation>حفظ إعادات التعبئة المعروضة كملف CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="75"/>
        <source>Exporting refills</source>
        <translation>تصدير إعادات التعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="96"/>
        <source>Copy as table</source>
        <translation>نسخ كجدول</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="70"/>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="136"/>
        <source>Exporting to {path}…</source>
        <translation>جارٍ التصدير إلى {path}…</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../smmdesk/ui/common/text.py" line="27"/>
        <source>{start}… ({count} characters in all)</source>
        <translation>{start}… (إجمالي الأحرف: {count})</translation>
    </message>
</context>
<context>
    <name>TrackOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="53"/>
        <source>CSV or text files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>ملفات CSV أو نصية (*.csv *.tsv *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="56"/>
        <source>Paste the IDs of orders placed on this panel outside SMMDesk — separated by new lines, commas, spaces or tabs — or open a CSV file and pick its ID column. The panel is asked about each; only the IDs it confirms are added, with their status.</source>
        <translation>الصق أرقام الطلبات المقدمة على هذه اللوحة خارج SMMDesk — مفصولة بأسطر جديدة أو فواصل أو مسافات أو علامات جدولة — أو افتح ملف CSV واختر عمود الأرقام فيه. يُستعلم من اللوحة عن كل رقم؛ ولا تُضاف إلا الأرقام التي تؤكدها، مع حالتها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="72"/>
        <source>Nothing was pasted: {count} characters is more than a list of order IDs. Paste the ID column only, or open the file.</source>
        <translation>لم يُلصق شيء: {count} حرفًا أكثر من أن تكون قائمة أرقام طلبات. الصق عمود الأرقام فقط، أو افتح الملف.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="87"/>
        <source>Track existing order IDs</source>
        <translation>تتبع أرقام طلبات موجودة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="113"/>
        <source>Open CSV file…</source>
        <translation>فتح ملف CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="118"/>
        <source>The column of the file that holds the order IDs</source>
        <translation>عمود الملف الذي يحتوي على أرقام الطلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="138"/>
        <source>Track</source>
        <translation>تتبع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="143"/>
        <source>Copy summary</source>
        <translation>نسخ الملخص</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="199"/>
        <source>1 ID</source>
        <translation>رقم واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="200"/>
        <source>{count} IDs</source>
        <translation>{count} أرقام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="204"/>
        <source>{count} repeated</source>
        <translation>{count} مكررة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} قيد التتبع مسبقًا</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="220"/>
        <source>Open a file of order IDs</source>
        <translation>فتح ملف أرقام طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="260"/>
        <source>{file} · column “{column}”</source>
        <translation>{file} · العمود «{column}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="273"/>
        <source>Asking the panel</source>
        <translation>جارٍ الاستعلام من اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="304"/>
        <source>Nothing more was tracked: {problem}</source>
        <translation>لم يُتتبع أي شيء آخر: {problem}</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="38"/>
        <source>Open SMMDesk</source>
        <translation>فتح SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="39"/>
        <source>New order…</source>
        <translation>طلب جديد…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="40"/>
        <source>Refresh now</source>
        <translation>التحديث الآن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="42"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="55"/>
        <source>SMMDesk — balance {amounts}</source>
        <translation>SMMDesk — الرصيد {amounts}</translation>
    </message>
</context>
</TS>
