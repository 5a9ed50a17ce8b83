<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="32"/>
        <source>About SMMDesk</source>
        <translation>SMMDesk hakkında</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="43"/>
        <source>A desktop for resellers of SMM panel services (API v2).</source>
        <translation>SMM panel servislerinin bayileri için bir masaüstü uygulaması (API v2).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="49"/>
        <source>Data folder: {path}</source>
        <translation>Veri klasörü: {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="50"/>
        <source>Log folder: {path}</source>
        <translation>Log klasörü: {path}</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="74"/>
        <source>Run a command</source>
        <translation>Komut çalıştır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="80"/>
        <source>Type a command: refresh, new order, settings…</source>
        <translation>Bir komut yazın: yenile, yeni sipariş, ayarlar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="82"/>
        <source>Command</source>
        <translation>Komut</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="87"/>
        <source>Matching commands</source>
        <translation>Eşleşen komutlar</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="36"/>
        <source>Keys are kept for this session only, and none was entered for this panel yet.</source>
        <translation>Anahtarlar yalnızca bu oturum için tutuluyor ve bu panel için henüz anahtar girilmedi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="67"/>
        <source>No API key is stored for “{panel}”. Open Panels… and enter the key.</source>
        <translation>“{panel}” için kayıtlı API anahtarı yok. Paneller… bölümünü açıp anahtarı girin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="71"/>
        <source>SMMDesk cannot read the API key of “{panel}”. {problem}</source>
        <translation>SMMDesk, “{panel}” panelinin API anahtarını okuyamıyor. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="79"/>
        <source>Panel {id} no longer exists.</source>
        <translation>{id} numaralı panel artık yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="258"/>
        <source>The proxy of “{panel}” cannot be used. {problem} Correct it in Panels…</source>
        <translation>“{panel}” panelinin proxy&apos;si kullanılamıyor. {problem} Paneller… bölümünden düzeltin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/errors.py" line="18"/>
        <source>SMMDesk hit a bug while {doing} ({error}). Nothing was lost; the details are in the log file.</source>
        <translation>SMMDesk, {doing} sırasında bir hatayla karşılaştı ({error}). Hiçbir şey kaybolmadı; ayrıntılar log dosyasında.</translation>
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
        <translation>Anahtarı Paneller… bölümünden kontrol edin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="61"/>
        <source>The panel refused</source>
        <translation>Panel reddetti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="63"/>
        <source>No answer from the panel</source>
        <translation>Panelden yanıt yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="65"/>
        <source>Cannot reach the panel</source>
        <translation>Panele ulaşılamıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="67"/>
        <source>Connection problem</source>
        <translation>Bağlantı sorunu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="69"/>
        <source>Unexpected answer from the panel</source>
        <translation>Panelden beklenmeyen yanıt</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="72"/>
        <source>Invalid panel URL</source>
        <translation>Geçersiz panel URL&apos;si</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="74"/>
        <source>The system keyring is not available</source>
        <translation>Sistem anahtar zinciri kullanılamıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="79"/>
        <source>Not saved</source>
        <translation>Kaydedilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="81"/>
        <source>Cannot do that now</source>
        <translation>Bu işlem şu anda yapılamıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="83"/>
        <location filename="../../smmdesk/ui/common/errors.py" line="85"/>
        <source>Internal error</source>
        <translation>Dahili hata</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="84"/>
        <source>SMMDesk hit a bug ({name}).</source>
        <translation>SMMDesk bir hatayla karşılaştı ({name}).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="98"/>
        <source>Check your connection or the panel&apos;s proxy setting, then try again.</source>
        <translation>Bağlantınızı veya panelin proxy ayarını kontrol edip tekrar deneyin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="103"/>
        <source>Please report it with the log file (Help ▸ Open log folder).</source>
        <translation>Lütfen log dosyasıyla birlikte bildirin (Yardım ▸ Log klasörünü aç).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="106"/>
        <source>The panel may be down, behind a browser check, or the URL may not be its API endpoint.</source>
        <translation>Panel çalışmıyor olabilir, bir tarayıcı doğrulamasının arkasında olabilir ya da URL panelin API adresi olmayabilir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="111"/>
        <source>Storage problem</source>
        <translation>Depolama sorunu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="113"/>
        <source>The disk is full</source>
        <translation>Disk dolu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="114"/>
        <source>Cannot write to the data folder</source>
        <translation>Veri klasörüne yazılamıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="115"/>
        <source>The database is damaged</source>
        <translation>Veritabanı bozuk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="116"/>
        <source>The database is in use</source>
        <translation>Veritabanı kullanımda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="117"/>
        <source>Cannot open the database</source>
        <translation>Veritabanı açılamıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="118"/>
        <source>Disk error</source>
        <translation>Disk hatası</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="24"/>
        <source>per 1000</source>
        <translation>1000 adet başına</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="25"/>
        <source>per package</source>
        <translation>paket başına</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="56"/>
        <source>{rate} per package</source>
        <translation>{rate} / paket</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="57"/>
        <source>{rate} per 1000</source>
        <translation>{rate} / 1000 adet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="93"/>
        <source>just now</source>
        <translation>az önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="95"/>
        <source>{count} min ago</source>
        <translation>{count} dk önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="97"/>
        <source>{count} h ago</source>
        <translation>{count} sa önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>1 day ago</source>
        <translation>1 gün önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="101"/>
        <source>{count} days ago</source>
        <translation>{count} gün önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Son yenileme {time} · {checked} kontrol edildi, {changed} değişti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="109"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Son yenileme {time} · {checked} kontrol edildi, {changed} değişti, 1 hata</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="113"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Son yenileme {time} · {checked} kontrol edildi, {changed} değişti, {errors} hata</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="136"/>
        <source>Refill</source>
        <translation>Telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="137"/>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="138"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (bilinmeyen tür)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="146"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Fiyat {rate} · Min {min}, maks {max}</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="35"/>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="56"/>
        <source>{doing}…</source>
        <translation>{doing}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="71"/>
        <source>{doing}: {done} of {total}</source>
        <translation>{doing}: {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="83"/>
        <source>{doing}: stopping…</source>
        <translation>{doing}: durduruluyor…</translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="31"/>
        <source>SMMDesk needs the API key of “{panel}”, but cannot read it from the system keyring.
{problem}

Enter the key to use “{panel}” until SMMDesk closes. It is kept in memory only: you will be asked again after a restart.</source>
        <translation>SMMDesk, “{panel}” panelinin API anahtarına ihtiyaç duyuyor ancak anahtarı sistem anahtar zincirinden okuyamıyor.
{problem}

“{panel}” panelini SMMDesk kapanana kadar kullanmak için anahtarı girin. Anahtar yalnızca bellekte tutulur: yeniden başlattıktan sonra tekrar sorulacaktır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="38"/>
        <source>API key needed</source>
        <translation>API anahtarı gerekli</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="46"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>Panelin API sayfasındaki API anahtarınız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="48"/>
        <source>API key</source>
        <translation>API anahtarı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="52"/>
        <source>Use for this session</source>
        <translation>Bu oturumda kullan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="57"/>
        <source>Not now</source>
        <translation>Şimdi değil</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="72"/>
        <source>O&amp;verview</source>
        <translation>&amp;Genel bakış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="73"/>
        <source>&amp;Services</source>
        <translation>&amp;Servisler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="74"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="288"/>
        <source>&amp;New order</source>
        <translation>Ye&amp;ni sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="75"/>
        <source>&amp;Mass order</source>
        <translation>&amp;Toplu sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="76"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="343"/>
        <source>&amp;Orders</source>
        <translation>S&amp;iparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="77"/>
        <source>&amp;Refills</source>
        <translation>Te&amp;lafiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="78"/>
        <source>&amp;Prices</source>
        <translation>&amp;Fiyatlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="79"/>
        <source>&amp;Insight</source>
        <translation>&amp;Analiz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="116"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="264"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Paneller…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="268"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Ayarlar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="273"/>
        <source>&amp;Quit</source>
        <translation>Çı&amp;k</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="277"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="281"/>
        <source>&amp;Find</source>
        <translation>&amp;Bul</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="285"/>
        <source>&amp;Command palette…</source>
        <translation>&amp;Komut paleti…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="309"/>
        <source>&amp;About SMMDesk</source>
        <translation>SMMDesk &amp;hakkında</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="312"/>
        <source>Open &amp;log folder</source>
        <translation>&amp;Log klasörünü aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="317"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="321"/>
        <source>Manage panels…</source>
        <translation>Panelleri yönet…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="333"/>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="337"/>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../smmdesk/ui/common/notice_banner.py" line="39"/>
        <source>Dismiss</source>
        <translation>Kapat</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="16"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="22"/>
        <source>completed</source>
        <translation>tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="17"/>
        <source>went partial</source>
        <translation>kısmi tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="18"/>
        <source>canceled</source>
        <translation>iptal edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="19"/>
        <source>refunded</source>
        <translation>iade edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="23"/>
        <source>rejected or failed</source>
        <translation>reddedildi veya başarısız oldu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="39"/>
        <source>A refill</source>
        <translation>Bir telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="41"/>
        <source>{count} refills</source>
        <translation>{count} telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="43"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="61"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{panel}: {what} {verb}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="58"/>
        <source>Order {id}</source>
        <translation>Sipariş {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{count} orders</source>
        <translation>{count} sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="73"/>
        <source>Order {ids}</source>
        <translation>Sipariş: {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="75"/>
        <source>Orders {ids}</source>
        <translation>Siparişler: {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source> and {count} more</source>
        <translation> ve {count} tane daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>{panel} üzerindeki bir siparişin verilip verilmediği belli değil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="87"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>{panel} üzerindeki {count} siparişin verilip verilmediği belli değil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="88"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Panelin sipariş listesini kontrol edin, ardından Onaylanmamış sekmesinde çözümleyin veya yok sayın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="95"/>
        <source>Balance on {panel} is low</source>
        <translation>{panel} bakiyesi düşük</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="96"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>{balance} kaldı; uyarı eşiği {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="105"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>{panel} üzerinde sipariş verdiğiniz bir servis değişti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="107"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>{panel} üzerinde sipariş verdiğiniz {count} servis değişti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: artık listede yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="117"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="125"/>
        <source>and {count} more</source>
        <translation>ve {count} tane daha</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="70"/>
        <source>The amount cannot be negative.</source>
        <translation>Tutar negatif olamaz.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="75"/>
        <source>At most {count} decimals, as panels keep.</source>
        <translation>Panellerin tuttuğu gibi en fazla {count} ondalık basamak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="86"/>
        <source>Type an amount such as {example}, or leave it empty for no warning.</source>
        <translation>{example} gibi bir tutar yazın ya da uyarı istemiyorsanız boş bırakın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="47"/>
        <source>1 order unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>{panel} üzerinde 1 sipariş onaylanmamış durumda: panelde kontrol edin, ardından çözümleyin veya yok sayın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="50"/>
        <source>{count} orders unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>{panel} üzerinde {count} sipariş onaylanmamış durumda: panelde kontrol edin, ardından çözümleyin veya yok sayın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="57"/>
        <source>1 order refused on {panel} since yesterday</source>
        <translation>{panel} üzerinde dünden beri 1 sipariş reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="58"/>
        <source>{count} orders refused on {panel} since yesterday</source>
        <translation>{panel} üzerinde dünden beri {count} sipariş reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="62"/>
        <source>1 order partial on {panel}, refill still possible</source>
        <translation>{panel} üzerinde 1 sipariş kısmi, telafi hâlâ mümkün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="63"/>
        <source>{count} orders partial on {panel}, refill still possible</source>
        <translation>{panel} üzerinde {count} sipariş kısmi, telafi hâlâ mümkün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="139"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="260"/>
        <source>Show these orders in the Orders tab</source>
        <translation>Bu siparişleri Siparişler sekmesinde göster</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="147"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="227"/>
        <source>Link: shows these orders in the Orders tab</source>
        <translation>Bağlantı: bu siparişleri Siparişler sekmesinde gösterir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="26"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="27"/>
        <source>The panel; the demo panel&apos;s money is pretend</source>
        <translation>Panel; demo panelin parası sanaldır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="30"/>
        <source>Balance</source>
        <translation>Bakiye</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="31"/>
        <source>The balance as last fetched, and whether it is below your warning</source>
        <translation>En son alınan bakiye ve uyarı eşiğinizin altında olup olmadığı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="36"/>
        <source>Warn below</source>
        <translation>Uyarı eşiği</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="37"/>
        <source>Warn when the balance is below this amount (edit in place)</source>
        <translation>Bakiye bu tutarın altına düştüğünde uyar (yerinde düzenleyin)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="40"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="41"/>
        <source>Orders pending or in progress</source>
        <translation>Beklemede veya işlemde olan siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="44"/>
        <source>Unconfirmed</source>
        <translation>Onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="45"/>
        <source>Orders whose placing is unclear: check them on the panel</source>
        <translation>Verilip verilmediği belirsiz siparişler: panelde kontrol edin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="48"/>
        <source>Failed refills</source>
        <translation>Başarısız telafiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="49"/>
        <source>Orders whose latest refill was refused, rejected or failed (last 30 days)</source>
        <translation>Son telafi talebi geri çevrilen, reddedilen veya başarısız olan siparişler (son 30 gün)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="54"/>
        <source>Spent today</source>
        <translation>Bugün harcanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="55"/>
        <source>Charged for orders placed today, per currency</source>
        <translation>Bugün verilen siparişler için ödenen tutar, para birimine göre</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="58"/>
        <source>7 days</source>
        <translation>7 gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="59"/>
        <source>Charged for orders placed in the last 7 days, per currency</source>
        <translation>Son 7 günde verilen siparişler için ödenen tutar, para birimine göre</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="62"/>
        <source>30 days</source>
        <translation>30 gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="63"/>
        <source>Charged for orders placed in the last 30 days, per currency</source>
        <translation>Son 30 günde verilen siparişler için ödenen tutar, para birimine göre</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="78"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="81"/>
        <source>Read the figures again and fetch every panel&apos;s balance</source>
        <translation>Rakamları yeniden oku ve tüm panellerin bakiyesini al</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="92"/>
        <source>Needs attention</source>
        <translation>Dikkat gerektirenler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="100"/>
        <source>Nothing needs your attention.</source>
        <translation>Dikkatinizi gerektiren bir şey yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="124"/>
        <source>The Demo panel&apos;s balance is pretend money: orders placed there are simulated and cost nothing. Add your own panel to see its balance, its orders and what you spend here, next to every other panel you use.</source>
        <translation>Demo panelin bakiyesi sanal paradır: orada verilen siparişler simüle edilir ve hiçbir ücreti yoktur. Kendi panelinizi ekleyin; bakiyesini, siparişlerini ve burada ne kadar harcadığınızı kullandığınız diğer tüm panellerle yan yana görün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="131"/>
        <source>&amp;Add your panel…</source>
        <translation>Panelinizi &amp;ekleyin…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="258"/>
        <source>Double-click or press F2 to change; empty: no warning</source>
        <translation>Değiştirmek için çift tıklayın veya F2&apos;ye basın; boş: uyarı yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="110"/>
        <source>Reading the figures…</source>
        <translation>Rakamlar okunuyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="139"/>
        <source>Figures of {time}</source>
        <translation>{time} itibarıyla rakamlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="153"/>
        <source>The figures could not be read: {problem}</source>
        <translation>Rakamlar okunamadı: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="217"/>
        <source>Warning for {panel} not changed: {problem}</source>
        <translation>{panel} için uyarı değiştirilmedi: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="48"/>
        <source>{name} (pretend money)</source>
        <translation>{name} (sanal para)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="58"/>
        <source>{money} · low</source>
        <translation>{money} · düşük</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="67"/>
        <source>Last known balance: {money}</source>
        <translation>Bilinen son bakiye: {money}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="69"/>
        <source>The balance has not been fetched yet.</source>
        <translation>Bakiye henüz alınmadı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="72"/>
        <source>Below your warning of {money}.</source>
        <translation>{money} uyarı eşiğinizin altında.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="74"/>
        <source>The demo panel&apos;s money is pretend: nothing is real.</source>
        <translation>Demo panelin parası sanaldır: hiçbiri gerçek değil.</translation>
    </message>
</context>
<context>
    <name>PanelListModel</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="58"/>
        <source>Built-in demo panel: no key needed</source>
        <translation>Yerleşik demo panel: anahtar gerekmez</translation>
    </message>
</context>
<context>
    <name>PanelSwitcher</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="75"/>
        <source>Active panel</source>
        <translation>Aktif panel</translation>
    </message>
</context>
<context>
    <name>PanelsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="20"/>
        <source>optional, e.g. socks5://user:password@host:1080</source>
        <translation>isteğe bağlı, ör. socks5://user:password@host:1080</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="22"/>
        <source>no limit</source>
        <translation>sınırsız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="24"/>
        <source>Most panels allow 60 to 120 requests a minute per key. Set the panel&apos;s limit here so SMMDesk never exceeds it; leave empty for no limit.</source>
        <translation>Çoğu panel anahtar başına dakikada 60 ile 120 arası isteğe izin verir. SMMDesk&apos;in bu sınırı hiç aşmaması için panelin sınırını buraya girin; sınır istemiyorsanız boş bırakın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="14"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>Panelin API sayfasındaki API anahtarınız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="15"/>
        <source>Type a new key to replace it</source>
        <translation>Değiştirmek için yeni bir anahtar yazın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="25"/>
        <source>Key: saved in the system keyring.</source>
        <translation>Anahtar: sistem anahtar zincirine kaydedildi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="27"/>
        <source>Key: kept for this session only; enter it again after restarting SMMDesk.</source>
        <translation>Anahtar: yalnızca bu oturum için tutuluyor; SMMDesk&apos;i yeniden başlattıktan sonra tekrar girin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="33"/>
        <source>Key: none for this session (the system keyring is not in use).</source>
        <translation>Anahtar: bu oturum için yok (sistem anahtar zinciri kullanılmıyor).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="38"/>
        <source>Key: no key saved.</source>
        <translation>Anahtar: kayıtlı anahtar yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="39"/>
        <source>Key: the system keyring cannot be read. {problem}</source>
        <translation>Anahtar: sistem anahtar zinciri okunamıyor. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="46"/>
        <source>The API key of removed panel “{panel}” may still be in the system keyring (SMMDesk closed before deleting it).</source>
        <translation>Kaldırılan “{panel}” panelinin API anahtarı hâlâ sistem anahtar zincirinde olabilir (SMMDesk, anahtarı silmeden önce kapandı).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="51"/>
        <source>The API key of removed panel “{panel}” could not be deleted from the system keyring: {problem}</source>
        <translation>Kaldırılan “{panel}” panelinin API anahtarı sistem anahtar zincirinden silinemedi: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="61"/>
        <source>Retry deleting the keys</source>
        <translation>Anahtarları silmeyi yeniden dene</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="62"/>
        <source>Retry deleting the key</source>
        <translation>Anahtarı silmeyi yeniden dene</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="69"/>
        <source>The key and proxy password cannot be saved</source>
        <translation>Anahtar ve proxy parolası kaydedilemiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="70"/>
        <source>{why}

Keep the key and proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Anahtar ve proxy parolası yalnızca bu oturum için bellekte tutulsun mu? SMMDesk&apos;i yeniden başlattıktan sonra bunları tekrar girmeniz gerekecek.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="76"/>
        <source>The key cannot be saved</source>
        <translation>Anahtar kaydedilemiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="77"/>
        <source>{why}

Keep the key in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Anahtar yalnızca bu oturum için bellekte tutulsun mu? SMMDesk&apos;i yeniden başlattıktan sonra tekrar girmeniz gerekecek.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="83"/>
        <source>The proxy password cannot be saved</source>
        <translation>Proxy parolası kaydedilemiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="84"/>
        <source>{why}

Keep the proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Proxy parolası yalnızca bu oturum için bellekte tutulsun mu? SMMDesk&apos;i yeniden başlattıktan sonra tekrar girmeniz gerekecek.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="12"/>
        <source>The built-in demo panel needs no key and cannot be edited or removed.</source>
        <translation>Yerleşik demo panel anahtar gerektirmez; düzenlenemez ve kaldırılamaz.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="19"/>
        <source>Remove “{panel}”? Its cached catalogue and the order history kept on this computer are deleted too; orders on the panel itself are not affected.</source>
        <translation>“{panel}” kaldırılsın mı? Önbellekteki kataloğu ve bu bilgisayarda tutulan sipariş geçmişi de silinir; panelin kendisindeki siparişler etkilenmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <source>Remove panel</source>
        <translation>Paneli kaldır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="29"/>
        <source>This API URL uses plain http://, so your API key and orders would travel unencrypted and could be read by anyone on the network path.

Use it anyway?</source>
        <translation>Bu API URL&apos;si şifrelenmemiş http:// kullanıyor; API anahtarınız ve siparişleriniz şifrelenmeden iletilir ve ağ yolu üzerindeki herkes tarafından okunabilir.

Yine de kullanılsın mı?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="35"/>
        <source>Unencrypted connection</source>
        <translation>Şifrelenmemiş bağlantı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="36"/>
        <source>Use http:// anyway</source>
        <translation>Yine de http:// kullan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="79"/>
        <source>Panels</source>
        <translation>Paneller</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Add</source>
        <translation>Ekle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="112"/>
        <source>e.g. My main panel</source>
        <translation>ör. Ana panelim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="119"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Show</source>
        <translation>Göster</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="122"/>
        <source>Show or hide the key</source>
        <translation>Anahtarı göster veya gizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="126"/>
        <source>Test connection</source>
        <translation>Bağlantıyı test et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="129"/>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="169"/>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="170"/>
        <source>API URL</source>
        <translation>API URL</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="171"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="172"/>
        <source>Requests a minute</source>
        <translation>Dakikalık istek</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="173"/>
        <source>API key</source>
        <translation>API anahtarı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Hide</source>
        <translation>Gizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="233"/>
        <source>Enter the API key (from the panel&apos;s API page).</source>
        <translation>API anahtarını girin (panelin API sayfasından).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="261"/>
        <source>Enter the API key to test the connection.</source>
        <translation>Bağlantıyı test etmek için API anahtarını girin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="268"/>
        <source>Testing the connection…</source>
        <translation>Bağlantı test ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="275"/>
        <source>Connected. Balance: {balance}</source>
        <translation>Bağlandı. Bakiye: {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="292"/>
        <source>The key is kept in memory for this session only.</source>
        <translation>Anahtar yalnızca bu oturum için bellekte tutuluyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="327"/>
        <source>Key: {problem}</source>
        <translation>Anahtar: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="372"/>
        <source>Key: checking where it is…</source>
        <translation>Anahtar: nerede olduğu kontrol ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="377"/>
        <source>New panel</source>
        <translation>Yeni panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="399"/>
        <source>A panel needs a name and its API URL.</source>
        <translation>Bir panelin adı ve API URL&apos;si olmalıdır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="414"/>
        <source>Use the panel&apos;s https:// address.</source>
        <translation>Panelin https:// adresini kullanın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="429"/>
        <source>Use for this session only</source>
        <translation>Yalnızca bu oturumda kullan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="434"/>
        <source>Saved without a key: enter it again when a keyring works.</source>
        <translation>Anahtarsız kaydedildi: bir anahtar zinciri çalıştığında anahtarı tekrar girin.</translation>
    </message>
</context>
<context>
    <name>PriceBoardModel</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="36"/>
        <source>not compared</source>
        <translation>karşılaştırılmadı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="57"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="58"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="59"/>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="60"/>
        <source>Rate</source>
        <translation>Fiyat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="61"/>
        <source>Panel&apos;s rate</source>
        <translation>Panel fiyatı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="62"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Max</source>
        <translation>Maks</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Refill</source>
        <translation>Telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="80"/>
        <source>Lifetime</source>
        <translation>Ömür boyu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="82"/>
        <source>No refill</source>
        <translation>Telafi yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="84"/>
        <source>{count} days</source>
        <translation>{count} gün</translation>
    </message>
</context>
<context>
    <name>PriceBoardPane</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="61"/>
        <source>Search every panel: words in any order…</source>
        <translation>Tüm panellerde ara: kelimeler herhangi bir sırada…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="69"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Karşılaştırma birimi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Rates…</source>
        <translation>Ku&amp;rlar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Order on this panel</source>
        <translation>Bu panelde &amp;sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="148"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Tüm panellerin kataloğu okunuyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="176"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Henüz önbellekte katalog yok: almak için bir panelin Servisler sekmesini bir kez açın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="183"/>
        <source>unknown</source>
        <translation>bilinmeyen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="186"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 panel, {services} servis, en ucuzdan başlayarak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="188"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} panel, {services} servis, en ucuzdan başlayarak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="193"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Karşılaştırılmadı ({currencies} için kur yok): Kurlar… ile ekleyin.</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="22"/>
        <source>One currency a line, as CODE=value: what one unit is worth in {board}. For example EUR=1.08 or INR=0.012. Lines that do not read so are left out.</source>
        <translation>Her satıra bir para birimi, KOD=değer biçiminde: bir birimin {board} cinsinden değeri. Örneğin EUR=1.08 veya INR=0.012. Bu biçimde olmayan satırlar dikkate alınmaz.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="27"/>
        <source>Conversion rates</source>
        <translation>Döviz kurları</translation>
    </message>
</context>
<context>
    <name>RecoveryNotice</name>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="26"/>
        <source>1 order was being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>SMMDesk son kapandığında 1 sipariş gönderiliyordu. Onaylanmamış olarak işaretlendi: kendi panelinde kontrol edin, ardından çözümleyin veya yok sayın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="32"/>
        <source>{count} orders were being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>SMMDesk son kapandığında {count} sipariş gönderiliyordu. Bunlar Onaylanmamış olarak işaretlendi: her birini kendi panelinde kontrol edin, ardından çözümleyin veya yok sayın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="37"/>
        <source>Show unconfirmed orders</source>
        <translation>Onaylanmamış siparişleri göster</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../smmdesk/settings.py" line="36"/>
        <source>Refresh orders every (seconds)</source>
        <translation>Siparişleri yenileme aralığı (saniye)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="43"/>
        <source>Answer timeout (seconds)</source>
        <translation>Yanıt zaman aşımı (saniye)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="50"/>
        <source>Connect timeout (seconds)</source>
        <translation>Bağlantı zaman aşımı (saniye)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="57"/>
        <source>Requests in flight per panel</source>
        <translation>Panel başına eşzamanlı istek</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="66"/>
        <source>Mass order: orders sent at once</source>
        <translation>Toplu sipariş: aynı anda gönderilen sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="71"/>
        <source>Refresh orders automatically</source>
        <translation>Siparişleri otomatik yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="73"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="75"/>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="79"/>
        <source>Closing the window keeps SMMDesk tracking in the tray</source>
        <translation>Pencere kapatıldığında SMMDesk sistem tepsisinde takibe devam etsin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="85"/>
        <source>Orders completed</source>
        <translation>Tamamlanan siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="86"/>
        <source>Orders gone partial</source>
        <translation>Kısmi tamamlanan siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="87"/>
        <source>Orders canceled</source>
        <translation>İptal edilen siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="88"/>
        <source>Orders refunded</source>
        <translation>İade edilen siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="89"/>
        <source>Refills completed</source>
        <translation>Tamamlanan telafiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="90"/>
        <source>Refills rejected or failed</source>
        <translation>Reddedilen veya başarısız olan telafiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="91"/>
        <source>Orders that became unconfirmed</source>
        <translation>Onaylanmamış duruma düşen siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="92"/>
        <source>A balance below its warning</source>
        <translation>Uyarı eşiğinin altına düşen bakiye</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="95"/>
        <source>Prices of services ordered lately changed</source>
        <translation>Son zamanlarda sipariş verilen servislerin fiyat değişiklikleri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="99"/>
        <source>Active panel</source>
        <translation>Aktif panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="112"/>
        <source>Compare prices in</source>
        <translation>Fiyatları karşılaştırma para birimi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="115"/>
        <source>Conversion rates</source>
        <translation>Döviz kurları</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="34"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="108"/>
        <source>Follow the system</source>
        <translation>Sistem ayarını kullan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="35"/>
        <source>Light</source>
        <translation>Açık</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="36"/>
        <source>Dark</source>
        <translation>Koyu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Bir toplu siparişten aynı anda kaç sipariş gönderileceği. Gönderilmekte olan bir grup kendi sayısını korur; sonra başlatılan veya devam ettirilen grup yeni sayıyı kullanır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="56"/>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="111"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>SMMDesk bir sonraki açılışında geçerli olur.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="115"/>
        <source>Notify me when</source>
        <translation>Şu durumlarda bildir</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="57"/>
        <source>Talking to the panel…</source>
        <translation>Panelle iletişim kuruluyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="86"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Siparişler yenileniyor: {done}/{total}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="104"/>
        <source>Updated {time}</source>
        <translation>Güncellendi: {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="111"/>
        <source>Balance: …</source>
        <translation>Bakiye: …</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="116"/>
        <source>Balance: {balance}</source>
        <translation>Bakiye: {balance}</translation>
    </message>
</context>
<context>
    <name>StorageProblemDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="83"/>
        <source>SMMDesk cannot open its data</source>
        <translation>SMMDesk verilerini açamıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="112"/>
        <source>To keep SMMDesk&apos;s data in another folder, start it with --data-dir, for example: smmdesk --data-dir D:\SMMDesk</source>
        <translation>SMMDesk&apos;in verilerini başka bir klasörde tutmak için programı --data-dir ile başlatın, örneğin: smmdesk --data-dir D:\SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="138"/>
        <source>Restore the backup from {time}</source>
        <translation>{time} tarihli yedeği geri yükle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="141"/>
        <source>Open the history read-only</source>
        <translation>Geçmişi salt okunur aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="142"/>
        <source>Try again</source>
        <translation>Tekrar dene</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="143"/>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="24"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV dosyaları (*.csv)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="27"/>
        <source>Copy as tab-separated text with a header row, to paste into a spreadsheet</source>
        <translation>Elektronik tabloya yapıştırmak için başlık satırıyla birlikte sekmeyle ayrılmış metin olarak kopyala</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="38"/>
        <source>Copied 1 order as a table</source>
        <translation>1 sipariş tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="39"/>
        <source>Copied {count} orders as a table</source>
        <translation>{count} sipariş tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="42"/>
        <source>Copied 1 service as a table</source>
        <translation>1 servis tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="43"/>
        <source>Copied {count} services as a table</source>
        <translation>{count} servis tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="46"/>
        <source>Copied 1 refill as a table</source>
        <translation>1 telafi tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="47"/>
        <source>Copied {count} refills as a table</source>
        <translation>{count} telafi tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="52"/>
        <source>Exported 1 order to {path}</source>
        <translation>1 sipariş {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="53"/>
        <source>Exported {count} orders to {path}</source>
        <translation>{count} sipariş {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="56"/>
        <source>Exported 1 service to {path}</source>
        <translation>1 servis {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="57"/>
        <source>Exported {count} services to {path}</source>
        <translation>{count} servis {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="60"/>
        <source>Exported 1 refill to {path}</source>
        <translation>1 telafi {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="61"/>
        <source>Exported {count} refills to {path}</source>
        <translation>{count} telafi {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="68"/>
        <source>Export services</source>
        <translation>Servisleri dışa aktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="69"/>
        <source>Save the services shown as a CSV file</source>
        <translation>Gösterilen servisleri CSV dosyası olarak kaydet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="70"/>
        <source>Exporting services</source>
        <translation>Servisler dışa aktarılıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="73"/>
        <source>Export refills</source>
        <translation>Telafileri dışa aktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="74"/>
        <source>Save the refills shown as a CSV file</source>
        <translation>Gösterilen telafileri CSV dosyası olarak kaydet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="75"/>
        <source>Exporting refills</source>
        <translation>Telafiler dışa aktarılıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="96"/>
        <source>Copy as table</source>
        <translation>Tablo olarak kopyala</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="70"/>
        <source>Export…</source>
        <translation>Dışa aktar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="136"/>
        <source>Exporting to {path}…</source>
        <translation>{path} dosyasına aktarılıyor…</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../smmdesk/ui/common/text.py" line="27"/>
        <source>{start}… ({count} characters in all)</source>
        <translation>{start}… (toplam {count} karakter)</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="38"/>
        <source>Open SMMDesk</source>
        <translation>SMMDesk&apos;i aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="39"/>
        <source>New order…</source>
        <translation>Yeni sipariş…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="40"/>
        <source>Refresh now</source>
        <translation>Şimdi yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="42"/>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="55"/>
        <source>SMMDesk — balance {amounts}</source>
        <translation>SMMDesk — bakiye {amounts}</translation>
    </message>
</context>
</TS>
