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
        <location filename="../../smmdesk/ui/common/format.py" line="93"/>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="95"/>
        <source>{count} min ago</source>
        <translation>منذ {count} دقيقة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="97"/>
        <source>{count} h ago</source>
        <translation>منذ {count} ساعة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>1 day ago</source>
        <translation>منذ يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="101"/>
        <source>{count} days ago</source>
        <translation>منذ {count} يوم</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>آخر تحديث {time} · تم فحص {checked}، تغيّر {changed}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="109"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>آخر تحديث {time} · تم فحص {checked}، تغيّر {changed}، خطأ واحد</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="113"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>آخر تحديث {time} · تم فحص {checked}، تغيّر {changed}، {errors} أخطاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="136"/>
        <source>Refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="137"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="138"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (نوع غير معروف)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="146"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>السعر {rate} · الحد الأدنى {min}، الحد الأقصى {max}</translation>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="288"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="343"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="116"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="264"/>
        <source>&amp;Panels…</source>
        <translation>ال&amp;لوحات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="268"/>
        <source>&amp;Settings…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="273"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="277"/>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="281"/>
        <source>&amp;Find</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="285"/>
        <source>&amp;Command palette…</source>
        <translation>قائمة الأ&amp;وامر…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="309"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;حول SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="312"/>
        <source>Open &amp;log folder</source>
        <translation>فتح مجلد ال&amp;سجلات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="317"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="321"/>
        <source>Manage panels…</source>
        <translation>إدارة اللوحات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="333"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="337"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
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
        <location filename="../../smmdesk/ui/notify/wording.py" line="39"/>
        <source>A refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="41"/>
        <source>{count} refills</source>
        <translation>{count} إعادات تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="43"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="61"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} على {panel}: {verb}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="58"/>
        <source>Order {id}</source>
        <translation>الطلب {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{count} orders</source>
        <translation>{count} طلبات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="73"/>
        <source>Order {ids}</source>
        <translation>الطلب {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="75"/>
        <source>Orders {ids}</source>
        <translation>الطلبات {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source> and {count} more</source>
        <translation> و{count} أخرى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>تعذّر التأكد من تقديم طلب على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="87"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>تعذّر التأكد من تقديم {count} طلبات على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="88"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>تحقق من قائمة الطلبات في اللوحة، ثم احسمها أو تجاهلها في «غير مؤكدة».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="95"/>
        <source>Balance on {panel} is low</source>
        <translation>رصيد {panel} منخفض</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="96"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>تبقّى {balance}؛ حد التنبيه مضبوط على {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="105"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>تغيّرت خدمة طلبتها على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="107"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>تغيّرت {count} خدمات طلبتها على {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: لم تعد مدرجة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="117"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} ← {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="125"/>
        <source>and {count} more</source>
        <translation>و{count} أخرى</translation>
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
        <location filename="../../smmdesk/ui/prices/board_model.py" line="36"/>
        <source>not compared</source>
        <translation>غير مُقارَن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="57"/>
        <source>Panel</source>
        <translation>اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="58"/>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="59"/>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="60"/>
        <source>Rate</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="61"/>
        <source>Panel&apos;s rate</source>
        <translation>سعر اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="62"/>
        <source>Min</source>
        <translation>الحد الأدنى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Max</source>
        <translation>الحد الأقصى</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Refill</source>
        <translation>إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="80"/>
        <source>Lifetime</source>
        <translation>مدى الحياة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="82"/>
        <source>No refill</source>
        <translation>بدون إعادة تعبئة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="84"/>
        <source>{count} days</source>
        <translation>{count} يوم</translation>
    </message>
</context>
<context>
    <name>PriceBoardPane</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="61"/>
        <source>Search every panel: words in any order…</source>
        <translation>ابحث في كل اللوحات: كلمات بأي ترتيب…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="69"/>
        <source>&amp;Compare in</source>
        <translation>&amp;قارن بعملة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Rates…</source>
        <translation>أسعار ال&amp;صرف…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Order on this panel</source>
        <translation>اطلب من &amp;هذه اللوحة</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="148"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>جارٍ قراءة قوائم خدمات كل اللوحات…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="176"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>لا توجد قائمة خدمات مخزنة بعد: افتح تبويب «الخدمات» للوحة مرة واحدة لجلبها.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="183"/>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="186"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>لوحة واحدة، عدد الخدمات: {services}، الأرخص أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="188"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>عدد اللوحات: {panels}، عدد الخدمات: {services}، الأرخص أولًا.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="193"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} غير مُقارَنة (لا يوجد سعر صرف لـ {currencies}): أضف سعرًا عبر «أسعار الصرف…»</translation>
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
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="34"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="108"/>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="35"/>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="36"/>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>عدد طلبات الطلب الجماعي التي تُرسل دفعة واحدة. الدفعة الجاري تقديمها تحتفظ بعددها؛ والدفعة التالية التي تبدأ أو تُستأنف تستخدم العدد الجديد.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="56"/>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="111"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>يسري عند تشغيل SMMDesk في المرة القادمة.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="115"/>
        <source>Notify me when</source>
        <translation>أعلمني عند</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="57"/>
        <source>Talking to the panel…</source>
        <translation>جارٍ الاتصال باللوحة…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="86"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>جارٍ تحديث الطلبات: {done} من {total}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="104"/>
        <source>Updated {time}</source>
        <translation>تم التحديث {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="111"/>
        <source>Balance: …</source>
        <translation>الرصيد: …</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="116"/>
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
