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
    <name>AnnotateOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="53"/>
        <source>For the 1 selected order: tick what to change; the rest stays as it is.</source>
        <translation>Seçili 1 sipariş için: değiştirilecekleri işaretleyin; gerisi olduğu gibi kalır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="57"/>
        <source>For the {count} selected orders: tick what to change; the rest stays as each order has it.</source>
        <translation>Seçili {count} sipariş için: değiştirilecekleri işaretleyin; gerisi her siparişte olduğu gibi kalır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="64"/>
        <source>Kept in SMMDesk for you, never sent to the panel.</source>
        <translation>Sizin için SMMDesk&apos;te tutulur, panele asla gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="67"/>
        <source>Note, customer and sell price</source>
        <translation>Not, müşteri ve satış fiyatı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="88"/>
        <source>Customer</source>
        <translation>Müşteri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="89"/>
        <source>Note</source>
        <translation>Not</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="90"/>
        <source>Sell price</source>
        <translation>Satış fiyatı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="147"/>
        <source>Tick to give every selected order this value (empty clears it)</source>
        <translation>Seçili tüm siparişlere bu değeri vermek için işaretleyin (boş bırakılırsa silinir)</translation>
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
    <name>ConfirmOrder</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="74"/>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="89"/>
        <source>Place another order for this link?</source>
        <translation>Bu bağlantı için bir sipariş daha verilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="91"/>
        <source>Place this order?</source>
        <translation>Bu sipariş verilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="98"/>
        <source>Active on this link</source>
        <translation>Bu bağlantıda aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="103"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="107"/>
        <source>Charge</source>
        <translation>Ücret</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="108"/>
        <source>Balance after</source>
        <translation>Sonraki bakiye</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="131"/>
        <source>&amp;I have checked: place another order for this link</source>
        <translation>&amp;Kontrol ettim: bu bağlantı için bir sipariş daha ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="136"/>
        <source>&amp;Place another order</source>
        <translation>Bir sipariş daha &amp;ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="149"/>
        <source>Quantity</source>
        <translation>Miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="152"/>
        <source>Total quantity</source>
        <translation>Toplam miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="160"/>
        <source>1 line:</source>
        <translation>1 satır:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="162"/>
        <source>{count} lines:</source>
        <translation>{count} satır:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="170"/>
        <source>… and 1 more line</source>
        <translation>… ve 1 satır daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="171"/>
        <source>… and {count} more lines</source>
        <translation>… ve {count} satır daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="177"/>
        <source>{start}… ({count} characters)</source>
        <translation>{start}… ({count} karakter)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="184"/>
        <source>panel {id}</source>
        <translation>panel {id}</translation>
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
    <name>ExtraFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="49"/>
        <source>Field name</source>
        <translation>Alan adı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="50"/>
        <source>Value</source>
        <translation>Değer</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="136"/>
        <source>Already a form field: {names}</source>
        <translation>Zaten formda olan alan: {names}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="140"/>
        <source>Each extra field name may appear once</source>
        <translation>Her ek alan adı yalnızca bir kez kullanılabilir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="152"/>
        <source>E&amp;xtra fields</source>
        <translation>Ek a&amp;lanlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="160"/>
        <source>Extra fields</source>
        <translation>Ek alanlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="167"/>
        <source>Fields the panel takes &amp;beyond the form, sent as typed:</source>
        <translation>Panelin form &amp;dışında kabul ettiği alanlar, yazıldığı gibi gönderilir:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="173"/>
        <source>Add field</source>
        <translation>Alan ekle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="176"/>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
</context>
<context>
    <name>Favourites</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="47"/>
        <source>Add to favourites ({shortcut})</source>
        <translation>Favorilere ekle ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="48"/>
        <source>Remove from favourites ({shortcut})</source>
        <translation>Favorilerden çıkar ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="53"/>
        <source>Not a favourite</source>
        <translation>Favori değil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="54"/>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="56"/>
        <source>No longer listed · {name}</source>
        <translation>Artık listede yok · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="108"/>
        <source>The panel no longer lists this service (starred {time}). Remove its star to take it off your favourites.</source>
        <translation>Panel artık bu servisi listelemiyor (yıldızlanma: {time}). Favorilerinizden çıkarmak için yıldızını kaldırın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="118"/>
        <source>Remove from favourites</source>
        <translation>Favorilerden çıkar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="119"/>
        <source>Add to favourites</source>
        <translation>Favorilere ekle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="125"/>
        <source>{star} Remove from favourites</source>
        <translation>{star} Favorilerden çıkar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="126"/>
        <source>{star} Add to favourites</source>
        <translation>{star} Favorilere ekle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="131"/>
        <source>No favourites yet. Star a service in the {star} column, or select it and press {shortcut}.</source>
        <translation>Henüz favori yok. {star} sütununda bir servisi yıldızlayın ya da servisi seçip {shortcut} tuşlarına basın.</translation>
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
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="96"/>
        <location filename="../../smmdesk/ui/catalogue/services_view.py" line="128"/>
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
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>just now</source>
        <translation>az önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="102"/>
        <source>{count} min ago</source>
        <translation>{count} dk önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="104"/>
        <source>{count} h ago</source>
        <translation>{count} sa önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>1 day ago</source>
        <translation>1 gün önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="108"/>
        <source>{count} days ago</source>
        <translation>{count} gün önce</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="114"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Son yenileme {time} · {checked} kontrol edildi, {changed} değişti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="116"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Son yenileme {time} · {checked} kontrol edildi, {changed} değişti, 1 hata</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="120"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Son yenileme {time} · {checked} kontrol edildi, {changed} değişti, {errors} hata</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="143"/>
        <source>Refill</source>
        <translation>Telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="145"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="151"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (bilinmeyen tür)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="153"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Fiyat {rate} · Min {min}, maks {max}</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="32"/>
        <source>&amp;Reports</source>
        <translation>&amp;Raporlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="33"/>
        <source>&amp;Scorecard</source>
        <translation>&amp;Performans</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="34"/>
        <source>Re&amp;fill windows</source>
        <translation>Telafi &amp;süreleri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="35"/>
        <source>Price &amp;watch</source>
        <translation>Fiyat &amp;takibi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>1 order</source>
        <translation>1 sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>{count} orders</source>
        <translation>{count} sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>1 day</source>
        <translation>1 gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>{count} days</source>
        <translation>{count} gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="43"/>
        <source>under a minute</source>
        <translation>bir dakikadan az</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="45"/>
        <source>{count} min</source>
        <translation>{count} dk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="49"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} sa {minutes} dk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="52"/>
        <source>{count} h</source>
        <translation>{count} sa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="57"/>
        <source>1 day {hours} h</source>
        <translation>1 gün {hours} sa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="58"/>
        <source>{count} days {hours} h</source>
        <translation>{count} gün {hours} sa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="67"/>
        <source>no timed order yet</source>
        <translation>henüz süresi ölçülen sipariş yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="68"/>
        <source>median {duration} ({orders})</source>
        <translation>medyan {duration} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="78"/>
        <source>median {duration}, {p90} ({orders})</source>
        <translation>medyan {duration}, {p90} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="93"/>
        <source>slowest {duration}</source>
        <translation>en yavaşı {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="96"/>
        <source>90% within {duration}</source>
        <translation>%90&apos;ı {duration} içinde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="103"/>
        <source>{percent}% ({count} of {total})</source>
        <translation>%{percent} ({count}/{total})</translation>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="302"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="357"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="117"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="278"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Paneller…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="282"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Ayarlar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="287"/>
        <source>&amp;Quit</source>
        <translation>Çı&amp;k</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="291"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="295"/>
        <source>&amp;Find</source>
        <translation>&amp;Bul</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="299"/>
        <source>&amp;Command palette…</source>
        <translation>&amp;Komut paleti…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="323"/>
        <source>&amp;About SMMDesk</source>
        <translation>SMMDesk &amp;hakkında</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="326"/>
        <source>Open &amp;log folder</source>
        <translation>&amp;Log klasörünü aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="331"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="335"/>
        <source>Manage panels…</source>
        <translation>Panelleri yönet…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="347"/>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="359"/>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
</context>
<context>
    <name>MarkupsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="59"/>
        <source>For</source>
        <translation>Tür</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="60"/>
        <source>Who</source>
        <translation>Hedef</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="61"/>
        <source>Markup</source>
        <translation>Kâr marjı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="82"/>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="205"/>
        <source>Customer</source>
        <translation>Müşteri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="89"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="92"/>
        <source>{service} ({panel})</source>
        <translation>{service} ({panel})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="95"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="101"/>
        <source>Service {id}</source>
        <translation>Servis {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="159"/>
        <source>Markups</source>
        <translation>Kâr marjları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="161"/>
        <source>A new order&apos;s sell price is its charge plus its customer&apos;s markup, else its service&apos;s. Orders placed before keep their price.</source>
        <translation>Yeni bir siparişin satış fiyatı, ücretine müşterisinin kâr marjı (yoksa servisinin kâr marjı) eklenerek bulunur. Daha önce verilen siparişler fiyatlarını korur.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="213"/>
        <source>Service {id} · {name}</source>
        <translation>Servis {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="228"/>
        <source>Remove selected</source>
        <translation>Seçileni kaldır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="237"/>
        <source>e.g. 30%</source>
        <translation>ör. 30%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="246"/>
        <source>Set</source>
        <translation>Ayarla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="259"/>
        <source>Name the customer first.</source>
        <translation>Önce müşterinin adını yazın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="274"/>
        <source>Select the markup to remove.</source>
        <translation>Kaldırılacak kâr marjını seçin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="305"/>
        <source>Type the markup, such as 30%.</source>
        <translation>Kâr marjını yazın, ör. 30%.</translation>
    </message>
</context>
<context>
    <name>MassCheck</name>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="18"/>
        <source>No service ID on this line</source>
        <translation>Bu satırda servis ID yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="20"/>
        <source>{panel}&apos;s services are not loaded: check the batch again</source>
        <translation>{panel} panelinin servisleri yüklenmedi: grubu tekrar kontrol edin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="23"/>
        <source>The batch&apos;s panel no longer exists: choose another one</source>
        <translation>Grubun paneli artık yok: başka bir panel seçin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="26"/>
        <source>No panel is called &apos;{name}&apos; (your panels: {names})</source>
        <translation>&apos;{name}&apos; adında bir panel yok (panelleriniz: {names})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="29"/>
        <source>No panel is called &apos;{name}&apos; (your panels: none yet)</source>
        <translation>&apos;{name}&apos; adında bir panel yok (panelleriniz: henüz yok)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="32"/>
        <source>{panel}&apos;s services have not been fetched yet: open Services first</source>
        <translation>{panel} panelinin servisleri henüz alınmadı: önce Servisler sekmesini açın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="36"/>
        <source>{panel} has no service {service}</source>
        <translation>{panel} panelinde {service} servisi yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="37"/>
        <source>panel {id}</source>
        <translation>panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="40"/>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="43"/>
        <source>Line {number} has the same link</source>
        <translation>{number}. satırda aynı bağlantı var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="44"/>
        <source>Line {number} has the same account</source>
        <translation>{number}. satırda aynı hesap var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="46"/>
        <source>An active order {order} on {panel} has this link{more}</source>
        <translation>{panel} panelindeki aktif {order} bu bağlantıya sahip{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="49"/>
        <source>An active order {order} on {panel} has this account{more}</source>
        <translation>{panel} panelindeki aktif {order} bu hesaba sahip{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="52"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this link{more}: check that panel&apos;s order list first</source>
        <translation>{panel} panelindeki onaylanmamış bir sipariş ({order}) bu bağlantı üzerinde zaten çalışıyor olabilir{more}: önce o panelin sipariş listesini kontrol edin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="59"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this account{more}: check that panel&apos;s order list first</source>
        <translation>{panel} panelindeki onaylanmamış bir sipariş ({order}) bu hesap üzerinde zaten çalışıyor olabilir{more}: önce o panelin sipariş listesini kontrol edin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="65"/>
        <source>order {id}</source>
        <translation>sipariş {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="66"/>
        <source> (and {count} more)</source>
        <translation> (ve {count} tane daha)</translation>
    </message>
</context>
<context>
    <name>MassLines</name>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="27"/>
        <source>The file is {size}; a batch file is at most {limit}. Split it into smaller files.</source>
        <translation>Dosya {size}; bir grup dosyası en fazla {limit} olabilir. Daha küçük dosyalara bölün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="31"/>
        <source>The text has {count} characters; a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Metin {count} karakter; bir grup en fazla {limit} olabilir. Daha küçük gruplara bölün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="36"/>
        <source>The text has {count} lines; a batch is at most {limit} lines. Split it into smaller batches.</source>
        <translation>Metin {count} satır; bir grup en fazla {limit} satır olabilir. Daha küçük gruplara bölün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="41"/>
        <source>This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or UTF-16) and open it again.</source>
        <translation>Bu dosya SMMDesk’in okuyabileceği bir metin değil: CSV veya düz metin (UTF-8 ya da UTF-16) olarak kaydedip tekrar açın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="46"/>
        <source>Write each order as service ID|link|quantity</source>
        <translation>Her siparişi servis ID|bağlantı|miktar şeklinde yazın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="47"/>
        <source>The header has no service column: name it service</source>
        <translation>Başlıkta servis sütunu yok: sütunu service olarak adlandırın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="48"/>
        <source>Column(s) {columns} are not order fields and are left out (known: {known})</source>
        <translation>{columns} sütunu sipariş alanı değil ve dışarıda bırakıldı (bilinenler: {known})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="51"/>
        <source>Column(s) {columns} appear twice: the first one is read</source>
        <translation>{columns} sütunu iki kez geçiyor: ilki okunur</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="52"/>
        <source>{first}. {then}</source>
        <translation>{first}. {then}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="53"/>
        <source>{names} and {count} more</source>
        <translation>{names} ve {count} tane daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="54"/>
        <source>A quote (&quot;) opened on this line is never closed, so every line after it was read as part of one cell: close the quote, or remove it</source>
        <translation>Bu satırda açılan tırnak (&quot;) hiç kapatılmamış, bu yüzden sonraki tüm satırlar tek bir hücre olarak okundu: tırnağı kapatın veya kaldırın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="59"/>
        <source>This line has {count} cells; the header names {columns}</source>
        <translation>Bu satırda {count} hücre var; başlıkta {columns} sütun adı var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="60"/>
        <source>This line cannot be read: {error}</source>
        <translation>Bu satır okunamıyor: {error}</translation>
    </message>
</context>
<context>
    <name>MassOrder</name>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="30"/>
        <source>✓ Ready</source>
        <translation>✓ Hazır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="31"/>
        <source>⚠ Held</source>
        <translation>⚠ Bekletildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="32"/>
        <source>✕ Invalid</source>
        <translation>✕ Geçersiz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="33"/>
        <source>– Skipped</source>
        <translation>– Atlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="35"/>
        <source>✓ Send anyway</source>
        <translation>✓ Yine de gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="36"/>
        <source>Checking…</source>
        <translation>Kontrol ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="43"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="52"/>
        <source>Not sent yet</source>
        <translation>Henüz gönderilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="53"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="29"/>
        <source>Line</source>
        <translation>Satır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="54"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="30"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="55"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="31"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="56"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="32"/>
        <source>Link</source>
        <translation>Bağlantı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="57"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="33"/>
        <source>Quantity</source>
        <translation>Miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="58"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="35"/>
        <source>Charge</source>
        <translation>Ücret</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="59"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="37"/>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="60"/>
        <source>Order ID</source>
        <translation>Sipariş ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>1 line</source>
        <translation>1 satır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>{count} lines</source>
        <translation>{count} satır</translation>
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
        <translation>Sipariş {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="143"/>
        <source>Placed: {words}</source>
        <translation>Verildi: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="145"/>
        <source>no reason given</source>
        <translation>neden belirtilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="146"/>
        <source>✕ Rejected: {words}</source>
        <translation>✕ Reddedildi: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="148"/>
        <source>no answer</source>
        <translation>yanıt yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="149"/>
        <source>⚠ Unconfirmed: {words} — see Orders ▸ Unconfirmed</source>
        <translation>⚠ Onaylanmamış: {words} — bkz. Siparişler ▸ Onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="153"/>
        <source>Sending…</source>
        <translation>Gönderiliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="154"/>
        <source>Dismissed</source>
        <translation>Yok sayıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="169"/>
        <source>Not sent ({verdict})</source>
        <translation>Gönderilmedi ({verdict})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="48"/>
        <source>All</source>
        <translation>Tümü</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="42"/>
        <source>To send</source>
        <translation>Gönderilecek</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="43"/>
        <source>Held</source>
        <translation>Bekletilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="44"/>
        <source>Invalid</source>
        <translation>Geçersiz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="45"/>
        <source>Skipped</source>
        <translation>Atlanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="49"/>
        <source>Placed</source>
        <translation>Verilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="50"/>
        <source>Rejected</source>
        <translation>Reddedilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="51"/>
        <source>Unconfirmed</source>
        <translation>Onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="53"/>
        <source>Left out</source>
        <translation>Dışarıda bırakılan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="77"/>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="316"/>
        <source>Place orders…</source>
        <translation>Siparişleri ver…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="80"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="206"/>
        <source>Copy results</source>
        <translation>Sonuçları kopyala</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="83"/>
        <source>Every line shown, or the selected ones, as a table (tab-separated)</source>
        <translation>Gösterilen tüm satırlar veya seçili olanlar, tablo olarak (sekmeyle ayrılmış)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="106"/>
        <source>{kind} ({count})</source>
        <translation>{kind} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="169"/>
        <source>Edit line…</source>
        <translation>Satırı düzenle…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="170"/>
        <source>Change the line&apos;s fields and check it again</source>
        <translation>Satırın alanlarını değiştirip tekrar kontrol edin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="175"/>
        <source>Skip</source>
        <translation>Atla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="176"/>
        <source>Leave the selected lines out of the batch</source>
        <translation>Seçili satırları grubun dışında bırak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="180"/>
        <source>Include</source>
        <translation>Dahil et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="181"/>
        <source>Put skipped lines back into the batch</source>
        <translation>Atlanan satırları gruba geri ekle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="185"/>
        <source>Send anyway</source>
        <translation>Yine de gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="186"/>
        <source>Send held lines although they repeat a link</source>
        <translation>Bekletilen satırları bir bağlantıyı tekrarlasalar da gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="190"/>
        <source>Hold again</source>
        <translation>Tekrar beklet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="191"/>
        <source>Do not send the released lines</source>
        <translation>Serbest bırakılan satırları gönderme</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="195"/>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="196"/>
        <source>Remove the selected lines</source>
        <translation>Seçili satırları kaldır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="201"/>
        <source>Edit and send again…</source>
        <translation>Düzenle ve tekrar gönder…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="202"/>
        <source>Correct a rejected line and send it once more</source>
        <translation>Reddedilen bir satırı düzeltip bir kez daha gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="34"/>
        <source>Other fields</source>
        <translation>Diğer alanlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="36"/>
        <source>Check</source>
        <translation>Kontrol</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Already sent</source>
        <translation>Zaten gönderilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Not sent</source>
        <translation>Gönderilmeyen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="69"/>
        <source>Sent at once</source>
        <translation>Aynı anda gönderilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="70"/>
        <source>{count} (Settings)</source>
        <translation>{count} (Ayarlar)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="76"/>
        <source>Back</source>
        <translation>Geri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="93"/>
        <source>The balance does not cover it: send anyway (the panel refuses what it cannot charge)</source>
        <translation>Bakiye yetmiyor: yine de gönder (panel ücretini alamadığı siparişleri reddeder)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="120"/>
        <source>Send line {number} again</source>
        <translation>{number}. satırı tekrar gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="122"/>
        <source>Edit line {number}</source>
        <translation>{number}. satırı düzenle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="124"/>
        <source>Line {number} as written: {source}</source>
        <translation>{number}. satır, yazıldığı gibi: {source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="133"/>
        <source>Service ID</source>
        <translation>Servis ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="143"/>
        <source>Send again</source>
        <translation>Tekrar gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="145"/>
        <source>Check again</source>
        <translation>Tekrar kontrol et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="196"/>
        <source>This service is no longer in the panel&apos;s catalogue.</source>
        <translation>Bu servis artık panelin kataloğunda yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="203"/>
        <source>Charge: {charge}</source>
        <translation>Ücret: {charge}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="218"/>
        <source>Send the 1 line never sent?</source>
        <translation>Hiç gönderilmemiş 1 satır gönderilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="219"/>
        <source>Send the {count} lines never sent?</source>
        <translation>Hiç gönderilmemiş {count} satır gönderilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="223"/>
        <source>Send 1 line</source>
        <translation>1 satır gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="224"/>
        <source>Send {count} lines</source>
        <translation>{count} satır gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="230"/>
        <source>Place 1 order?</source>
        <translation>1 sipariş verilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="231"/>
        <source>Place {count} orders?</source>
        <translation>{count} sipariş verilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="235"/>
        <source>Place 1 order</source>
        <translation>1 sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="236"/>
        <source>Place {count} orders</source>
        <translation>{count} sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="57"/>
        <source>Nothing was pasted: the text has {count} characters, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Hiçbir şey yapıştırılmadı: metin {count} karakter, bir grup ise en fazla {limit} olabilir. Daha küçük gruplara bölün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="64"/>
        <source>Nothing was pasted: the text has {count} lines, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Hiçbir şey yapıştırılmadı: metin {count} satır, bir grup ise en fazla {limit} olabilir. Daha küçük gruplara bölün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="84"/>
        <source>Paste orders here, one a line, for example:
    1234|https://instagram.com/p/Cx1yZ|1000
or a CSV/TSV whose first line names the columns:
    service,link,quantity,runs,interval,comments,username
Then Check lines (Ctrl+Return): nothing is sent before you confirm.</source>
        <translation>Siparişleri buraya her satıra bir tane olacak şekilde yapıştırın, örneğin:
    1234|https://instagram.com/p/Cx1yZ|1000
veya ilk satırı sütun adlarını veren bir CSV/TSV:
    service,link,quantity,runs,interval,comments,username
Ardından Satırları kontrol et (Ctrl+Return): siz onaylamadan hiçbir şey gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="101"/>
        <source>The panel every line goes to, unless its panel column names another</source>
        <translation>Panel sütununda başka bir panel yazmıyorsa her satırın gideceği panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="107"/>
        <source>Open file…</source>
        <translation>Dosya aç…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="108"/>
        <source>Read a CSV, TSV or text file</source>
        <translation>CSV, TSV veya metin dosyası oku</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="112"/>
        <source>Check lines</source>
        <translation>Satırları kontrol et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="113"/>
        <source>Read and check every line (Ctrl+Return)</source>
        <translation>Tüm satırları oku ve kontrol et (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="118"/>
        <source>Clear</source>
        <translation>Temizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="119"/>
        <source>Start a new batch</source>
        <translation>Yeni bir grup başlat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="138"/>
        <source>Formats: service ID|link|quantity (; , or a tab also separate), or CSV/TSV with a header naming order fields: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… A list field takes one entry per line of a quoted cell, or | between entries; a panel column sends a line to another panel; # starts a comment.</source>
        <translation>Biçimler: servis ID|bağlantı|miktar (; , veya sekme de ayırıcıdır) ya da başlığı sipariş alanlarını adlandıran CSV/TSV: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… Liste alanı, tırnaklı bir hücrenin her satırında bir giriş ya da girişler arasında | alır; panel sütunu satırı başka bir panele gönderir; # yorum başlatır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="155"/>
        <source>&amp;Panel:</source>
        <translation>&amp;Panel:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="203"/>
        <source>Open a mass order</source>
        <translation>Toplu sipariş aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="206"/>
        <source>Orders (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Siparişler (*.csv *.tsv *.txt);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="95"/>
        <source>Sending line {number} again…</source>
        <translation>{number}. satır tekrar gönderiliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="136"/>
        <source>1 line removed</source>
        <translation>1 satır kaldırıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="137"/>
        <source>{count} lines removed</source>
        <translation>{count} satır kaldırıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="154"/>
        <source>Line {number}: {outcome}</source>
        <translation>Satır {number}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="180"/>
        <source>1 line copied as a table</source>
        <translation>1 satır tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="181"/>
        <source>{count} lines copied as a table</source>
        <translation>{count} satır tablo olarak kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="111"/>
        <source>Paste lines (or open a file) first.</source>
        <translation>Önce satırları yapıştırın (veya bir dosya açın).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="115"/>
        <location filename="../../smmdesk/ui/mass/session.py" line="110"/>
        <source>Pasted lines</source>
        <translation>Yapıştırılan satırlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="154"/>
        <source>{panel}: {share}</source>
        <translation>{panel}: {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="194"/>
        <source>{lines} (not sent again)</source>
        <translation>{lines} (tekrar gönderilmez)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="195"/>
        <source>no line</source>
        <translation>satır yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="206"/>
        <source>Stopping: lines being sent finish, no other line is sent.</source>
        <translation>Durduruluyor: gönderilmekte olan satırlar tamamlanır, başka satır gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="224"/>
        <source>Checking the lines…</source>
        <translation>Satırlar kontrol ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="271"/>
        <source>Show the next one</source>
        <translation>Sonrakini göster</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="312"/>
        <source>Place 1 order…</source>
        <translation>1 sipariş ver…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="313"/>
        <source>Place {count} orders…</source>
        <translation>{count} sipariş ver…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/preview_model.py" line="343"/>
        <source>Line {number} as written:
{source}</source>
        <translation>{number}. satır, yazıldığı gibi:
{source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="39"/>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="47"/>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="48"/>
        <source>Send no further line for now</source>
        <translation>Şimdilik başka satır gönderme</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="52"/>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="90"/>
        <source>Resume</source>
        <translation>Devam et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="53"/>
        <source>Send the lines not sent yet</source>
        <translation>Henüz gönderilmemiş satırları gönder</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="57"/>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="58"/>
        <source>Send no further line; lines being sent finish</source>
        <translation>Başka satır gönderme; gönderilmekte olanlar tamamlanır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="92"/>
        <source>Resume ({count} never sent)…</source>
        <translation>Devam et ({count} hiç gönderilmedi)…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="106"/>
        <source>Done: {outcomes}</source>
        <translation>Bitti: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="109"/>
        <source>Stopped: {outcomes}</source>
        <translation>Durduruldu: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="112"/>
        <source>Paused: {progress}</source>
        <translation>Duraklatıldı: {progress}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="115"/>
        <source>Writing the batch down before anything is sent…</source>
        <translation>Hiçbir şey gönderilmeden önce grup kaydediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>1 order</source>
        <translation>1 sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>{count} orders</source>
        <translation>{count} sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="98"/>
        <source>{orders} · {charge} · balance not known yet</source>
        <translation>{orders} · {charge} · bakiye henüz bilinmiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="104"/>
        <source>{orders} · {charge} · balance {balance}</source>
        <translation>{orders} · {charge} · bakiye {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="107"/>
        <source>{orders} · {charge} · balance {balance} — short by {short}</source>
        <translation>{orders} · {charge} · bakiye {balance} — {short} eksik</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="117"/>
        <source>{count} held</source>
        <translation>{count} bekletilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="118"/>
        <source>{count} invalid</source>
        <translation>{count} geçersiz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="119"/>
        <source>{count} skipped</source>
        <translation>{count} atlanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="130"/>
        <source>{count} ready ({released} held sent anyway)</source>
        <translation>{count} hazır ({released} bekletilen yine de gönderilecek)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="134"/>
        <source>{count} ready</source>
        <translation>{count} hazır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="140"/>
        <source>{lines}: {counts}</source>
        <translation>{lines}: {counts}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="154"/>
        <source>nothing</source>
        <translation>hiçbiri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="161"/>
        <source>about {count} s left</source>
        <translation>yaklaşık {count} sn kaldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="165"/>
        <source>about {count} min left</source>
        <translation>yaklaşık {count} dk kaldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="168"/>
        <source>about {count} h left</source>
        <translation>yaklaşık {count} sa kaldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="175"/>
        <source>{count} placed</source>
        <translation>{count} verildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="176"/>
        <source>{count} rejected</source>
        <translation>{count} reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="177"/>
        <source>{count} unconfirmed</source>
        <translation>{count} onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="178"/>
        <source>{count} being sent</source>
        <translation>{count} gönderiliyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="179"/>
        <source>{count} dismissed</source>
        <translation>{count} yok sayıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="180"/>
        <source>{count} never sent</source>
        <translation>{count} hiç gönderilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="199"/>
        <source>{done} of {total} sent</source>
        <translation>{done} / {total} gönderildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="208"/>
        <source>“{title}” of {time}</source>
        <translation>“{title}”, {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="217"/>
        <source>The mass order {batch} was not finished: {outcomes}.</source>
        <translation>{batch} toplu siparişi tamamlanmadı: {outcomes}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="222"/>
        <source>Resume sends only the 1 line never sent; no line is sent twice.</source>
        <translation>Devam et yalnızca hiç gönderilmemiş 1 satırı gönderir; hiçbir satır iki kez gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="225"/>
        <source>Resume sends only the {count} lines never sent; no line is sent twice.</source>
        <translation>Devam et yalnızca hiç gönderilmemiş {count} satırı gönderir; hiçbir satır iki kez gönderilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="233"/>
        <source>Check unconfirmed orders on the panel (Orders ▸ Unconfirmed).</source>
        <translation>Onaylanmamış siparişleri panelde kontrol edin (Siparişler ▸ Onaylanmamış).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="239"/>
        <source>1 other mass order not finished either (Open…).</source>
        <translation>1 toplu sipariş daha tamamlanmadı (Aç…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="240"/>
        <source>{count} other mass orders not finished either (Open…).</source>
        <translation>{count} toplu sipariş daha tamamlanmadı (Aç…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="45"/>
        <source>This mass order is no longer in the history.</source>
        <translation>Bu toplu sipariş artık geçmişte yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="47"/>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>“{name}” okunamıyor: {reason}.</translation>
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
        <location filename="../../smmdesk/ui/notify/wording.py" line="38"/>
        <source>A refill</source>
        <translation>Bir telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="40"/>
        <source>{count} refills</source>
        <translation>{count} telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="42"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{panel}: {what} {verb}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="57"/>
        <source>Order {id}</source>
        <translation>Sipariş {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="59"/>
        <source>{count} orders</source>
        <translation>{count} sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="69"/>
        <source>{count} panels</source>
        <translation>{count} panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source>Order {ids}</source>
        <translation>Sipariş: {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="81"/>
        <source>Orders {ids}</source>
        <translation>Siparişler: {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source> and {count} more</source>
        <translation> ve {count} tane daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="91"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>{panel} üzerindeki bir siparişin verilip verilmediği belli değil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="93"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>{panel} üzerindeki {count} siparişin verilip verilmediği belli değil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="94"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Panelin sipariş listesini kontrol edin, ardından Onaylanmamış sekmesinde çözümleyin veya yok sayın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="101"/>
        <source>Balance on {panel} is low</source>
        <translation>{panel} bakiyesi düşük</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="102"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>{balance} kaldı; uyarı eşiği {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="111"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>{panel} üzerinde sipariş verdiğiniz bir servis değişti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>{panel} üzerinde sipariş verdiğiniz {count} servis değişti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="119"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: artık listede yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="123"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="131"/>
        <source>and {count} more</source>
        <translation>ve {count} tane daha</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="108"/>
        <source>Reading 1 selected order…</source>
        <translation>Seçili 1 sipariş okunuyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="109"/>
        <source>Reading {count} selected orders…</source>
        <translation>Seçili {count} sipariş okunuyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="120"/>
        <source>Export orders</source>
        <translation>Siparişleri dışa aktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="138"/>
        <source>Reading the orders to copy</source>
        <translation>Kopyalanacak siparişler okunuyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="149"/>
        <source>Exporting orders</source>
        <translation>Siparişler dışa aktarılıyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="150"/>
        <source>Exporting to {path}…</source>
        <translation>{path} dosyasına aktarılıyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="191"/>
        <source>Requesting 1 refill…</source>
        <translation>1 telafi talep ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="192"/>
        <source>Requesting {count} refills…</source>
        <translation>{count} telafi talep ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="194"/>
        <source>Requesting 1 cancel…</source>
        <translation>1 iptal talep ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="195"/>
        <source>Requesting {count} cancels…</source>
        <translation>{count} iptal talep ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="207"/>
        <source>Refill results</source>
        <translation>Telafi sonuçları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="219"/>
        <source>Cancel results</source>
        <translation>İptal sonuçları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="270"/>
        <source>{count} sent; {failures}</source>
        <translation>{count} gönderildi; {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="279"/>
        <source>failed on {panel}: {problem}</source>
        <translation>{panel} üzerinde başarısız: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="281"/>
        <source>failed: {problem}</source>
        <translation>başarısız: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="41"/>
        <source>The selected order cannot be refilled:</source>
        <translation>Seçili sipariş için telafi istenemez:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="42"/>
        <source>The selected order cannot be canceled:</source>
        <translation>Seçili sipariş iptal edilemez:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="47"/>
        <source>None of the {count} selected orders can be refilled:</source>
        <translation>Seçili {count} siparişin hiçbiri için telafi istenemez:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="48"/>
        <source>None of the {count} selected orders can be canceled:</source>
        <translation>Seçili {count} siparişin hiçbiri iptal edilemez:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="53"/>
        <source>Refill 1 order?</source>
        <translation>1 sipariş için telafi istensin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="54"/>
        <source>Refill {count} orders?</source>
        <translation>{count} sipariş için telafi istensin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="59"/>
        <source>Cancel 1 order?</source>
        <translation>1 sipariş iptal edilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="60"/>
        <source>Cancel {count} orders?</source>
        <translation>{count} sipariş iptal edilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="65"/>
        <source>Refill {some} of the {count} selected orders?</source>
        <translation>Seçili {count} siparişten {some} tanesi için telafi istensin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="66"/>
        <source>Cancel {some} of the {count} selected orders?</source>
        <translation>Seçili {count} siparişten {some} tanesi iptal edilsin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="69"/>
        <source>A cancel request cannot be taken back.</source>
        <translation>İptal talebi geri alınamaz.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="77"/>
        <source>1 order will not be sent:</source>
        <translation>1 sipariş gönderilmeyecek:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="78"/>
        <source>{count} orders will not be sent:</source>
        <translation>{count} sipariş gönderilmeyecek:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="90"/>
        <source>Refill 1 order</source>
        <translation>1 sipariş için telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="91"/>
        <source>Refill {count} orders</source>
        <translation>{count} sipariş için telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="93"/>
        <source>Cancel 1 order</source>
        <translation>1 siparişi iptal et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="94"/>
        <source>Cancel {count} orders</source>
        <translation>{count} siparişi iptal et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="104"/>
        <source>Refill orders</source>
        <translation>Siparişler için telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="105"/>
        <source>Cancel orders</source>
        <translation>Siparişleri iptal et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="123"/>
        <source>Don&apos;t refill</source>
        <translation>Telafi isteme</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="124"/>
        <source>Don&apos;t cancel</source>
        <translation>İptal etme</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="152"/>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="31"/>
        <source>Accepted</source>
        <translation>Kabul edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="32"/>
        <source>Refused</source>
        <translation>Reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="33"/>
        <source>Not sent</source>
        <translation>Gönderilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="44"/>
        <source>Order ID</source>
        <translation>Sipariş ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="45"/>
        <source>Link</source>
        <translation>Bağlantı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="46"/>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="47"/>
        <source>Details</source>
        <translation>Ayrıntılar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="91"/>
        <source>Refill {id}</source>
        <translation>Telafi {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="72"/>
        <source>Asking the panel about order {id}…</source>
        <translation>Panele {id} numaralı sipariş soruluyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="89"/>
        <source>Asking the panel about 1 order ID…</source>
        <translation>Panele 1 sipariş ID&apos;si soruluyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="90"/>
        <source>Asking the panel about {count} order IDs…</source>
        <translation>Panele {count} sipariş ID&apos;si soruluyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="127"/>
        <source>Saving 1 order…</source>
        <translation>1 sipariş kaydediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="128"/>
        <source>Saving {count} orders…</source>
        <translation>{count} sipariş kaydediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="138"/>
        <source>1 order updated</source>
        <translation>1 sipariş güncellendi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="139"/>
        <source>{count} orders updated</source>
        <translation>{count} sipariş güncellendi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="144"/>
        <source>1 order without a charge yet kept its price</source>
        <translation>Henüz ücreti olmayan 1 sipariş fiyatını korudu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="145"/>
        <source>{count} orders without a charge yet kept their price</source>
        <translation>Henüz ücreti olmayan {count} sipariş fiyatını korudu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="79"/>
        <source>Copied 1 order ID</source>
        <translation>1 sipariş ID&apos;si kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="80"/>
        <source>Copied {count} order IDs</source>
        <translation>{count} sipariş ID&apos;si kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="83"/>
        <source>1 selected order without an order ID</source>
        <translation>Seçili 1 siparişin sipariş ID&apos;si yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="84"/>
        <source>{count} selected orders without an order ID</source>
        <translation>Seçili {count} siparişin sipariş ID&apos;si yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="89"/>
        <source>Copied 1 link</source>
        <translation>1 bağlantı kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="90"/>
        <source>Copied {count} links</source>
        <translation>{count} bağlantı kopyalandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="93"/>
        <source>1 selected order without a link</source>
        <translation>Seçili 1 siparişin bağlantısı yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="94"/>
        <source>{count} selected orders without a link</source>
        <translation>Seçili {count} siparişin bağlantısı yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="105"/>
        <source>1 refill requested</source>
        <translation>1 telafi talep edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="106"/>
        <source>{count} refills requested</source>
        <translation>{count} telafi talep edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="116"/>
        <source>1 cancel requested</source>
        <translation>1 iptal talep edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="117"/>
        <source>{count} cancels requested</source>
        <translation>{count} iptal talep edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="123"/>
        <source>no reason given</source>
        <translation>sebep belirtilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="130"/>
        <source>{reason} ({count} times)</source>
        <translation>{reason} ({count} kez)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="136"/>
        <source>{count} refused: {reasons}</source>
        <translation>{count} reddedildi: {reasons}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="141"/>
        <source>{count} not sent</source>
        <translation>{count} gönderilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="151"/>
        <source>Order {id} marked as placed</source>
        <translation>{id} numaralı sipariş verilmiş olarak işaretlendi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="156"/>
        <source>1 order dismissed</source>
        <translation>1 sipariş yok sayıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="157"/>
        <source>{count} orders dismissed</source>
        <translation>{count} sipariş yok sayıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="170"/>
        <source>({count} already tracked)</source>
        <translation>({count} tanesi zaten takipte)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="176"/>
        <source>cancelled before 1 ID was asked</source>
        <translation>1 ID sorulmadan önce iptal edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="177"/>
        <source>cancelled before {count} IDs were asked</source>
        <translation>{count} ID sorulmadan önce iptal edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="183"/>
        <source>{refusals} and {count} more</source>
        <translation>{refusals} ve {count} tane daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="186"/>
        <source>not recorded, the panel did not confirm: {refusals}</source>
        <translation>kaydedilmedi, panel onaylamadı: {refusals}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="195"/>
        <source>1 order added to tracking</source>
        <translation>1 sipariş takibe eklendi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="196"/>
        <source>{count} orders added to tracking</source>
        <translation>{count} sipariş takibe eklendi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} tanesi zaten takipte</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="208"/>
        <source>{count} not confirmed by the panel</source>
        <translation>{count} tanesi panel tarafından onaylanmadı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="209"/>
        <source>{count} not asked (cancelled)</source>
        <translation>{count} tanesi sorulmadı (iptal edildi)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="215"/>
        <source>Not recorded — the panel did not confirm them:</source>
        <translation>Kaydedilmedi — panel bunları onaylamadı:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="218"/>
        <source>Never asked — tracking was cancelled:</source>
        <translation>Hiç sorulmadı — takip iptal edildi:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="220"/>
        <source>Added to tracking:</source>
        <translation>Takibe eklendi:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="192"/>
        <source>Refill</source>
        <translation>Telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="193"/>
        <source>Ask for a refill</source>
        <translation>Telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="197"/>
        <source>Cancel order</source>
        <translation>Siparişi iptal et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="198"/>
        <source>Ask to cancel</source>
        <translation>İptal talep et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="201"/>
        <source>Copy links</source>
        <translation>Bağlantıları kopyala</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="204"/>
        <source>Copy order IDs</source>
        <translation>Sipariş ID&apos;lerini kopyala</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="210"/>
        <source>Export…</source>
        <translation>Dışa aktar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="211"/>
        <source>Save the selected orders as a CSV file (with none selected: every order the tab and the search show)</source>
        <translation>Seçili siparişleri CSV dosyası olarak kaydet (hiçbiri seçili değilse: sekmenin ve aramanın gösterdiği tüm siparişler)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="219"/>
        <source>Open link</source>
        <translation>Bağlantıyı aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="220"/>
        <source>In the browser</source>
        <translation>Tarayıcıda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="223"/>
        <source>Order again</source>
        <translation>Tekrar sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="227"/>
        <source>Order again in bulk…</source>
        <translation>Toplu olarak tekrar sipariş ver…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="228"/>
        <source>A mass order of the selected orders: their service, link and quantity, each on its own panel, checked before anything is sent</source>
        <translation>Seçili siparişlerden bir toplu sipariş: servisleri, bağlantıları ve miktarlarıyla, her biri kendi panelinde; hiçbir şey gönderilmeden önce kontrol edilir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="236"/>
        <source>Resolve…</source>
        <translation>Çözümle…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="237"/>
        <source>The order is on the panel: enter its ID</source>
        <translation>Sipariş panelde var: ID&apos;sini girin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="241"/>
        <source>Dismiss</source>
        <translation>Yok say</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="242"/>
        <source>The order is not on the panel: stop tracking it</source>
        <translation>Sipariş panelde yok: takibi bırak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="246"/>
        <source>Track existing order IDs…</source>
        <translation>Mevcut sipariş ID&apos;lerini takip et…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="247"/>
        <source>Track orders placed outside SMMDesk</source>
        <translation>SMMDesk dışında verilen siparişleri takip et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="251"/>
        <source>Note &amp;&amp; price…</source>
        <translation>Not &amp;&amp; fiyat…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="252"/>
        <source>The note, customer and sell price of the selected orders (kept here, never sent to a panel)</source>
        <translation>Seçili siparişlerin notu, müşterisi ve satış fiyatı (burada tutulur, panele asla gönderilmez)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="261"/>
        <source>Markups…</source>
        <translation>Kâr marjları…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="262"/>
        <source>Markups per customer and per service</source>
        <translation>Müşteri ve servis bazında kâr marjları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="32"/>
        <source>not placed on the panel</source>
        <translation>panelde verilmemiş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="33"/>
        <source>on another panel</source>
        <translation>başka bir panelde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="34"/>
        <source>the service has no refill</source>
        <translation>serviste telafi yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="35"/>
        <source>the service has no cancel</source>
        <translation>serviste iptal yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="36"/>
        <source>canceled, refunded or failed</source>
        <translation>iptal edilmiş, iade edilmiş veya başarısız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="37"/>
        <source>already final</source>
        <translation>zaten sonuçlanmış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="38"/>
        <source>a refill is already running</source>
        <translation>devam eden bir telafi zaten var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="39"/>
        <source>no order ID</source>
        <translation>sipariş ID&apos;si yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="40"/>
        <source>no link</source>
        <translation>bağlantı yok</translation>
    </message>
</context>
<context>
    <name>OrderDialogs</name>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="43"/>
        <source>Dismiss 1 unconfirmed order? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>Onaylanmamış 1 sipariş yok sayılsın mı? Bunu yalnızca panelin sipariş listesini kontrol ettikten sonra yapın: yok sayılan sipariş artık takip edilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="48"/>
        <source>Dismiss {count} unconfirmed orders? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>Onaylanmamış {count} sipariş yok sayılsın mı? Bunu yalnızca panelin sipariş listesini kontrol ettikten sonra yapın: yok sayılan sipariş artık takip edilmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="54"/>
        <source>Dismiss unconfirmed orders</source>
        <translation>Onaylanmamış siparişleri yok say</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="60"/>
        <source>Dismiss</source>
        <translation>Yok say</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="85"/>
        <source>Correct the order ID</source>
        <translation>Sipariş ID&apos;sini düzelt</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="87"/>
        <source>Resolve unconfirmed order</source>
        <translation>Onaylanmamış siparişi çözümle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="97"/>
        <source>e.g. 23501</source>
        <translation>ör. 23501</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="98"/>
        <source>Panel&apos;s order ID</source>
        <translation>Paneldeki sipariş ID&apos;si</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="106"/>
        <source>Correct the ID</source>
        <translation>ID&apos;yi düzelt</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="108"/>
        <source>Mark as placed</source>
        <translation>Verilmiş olarak işaretle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="130"/>
        <source>This order</source>
        <translation>Bu sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="131"/>
        <source>On the panel</source>
        <translation>Panelde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="161"/>
        <source>Asking the panel…</source>
        <translation>Panele soruluyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="185"/>
        <source>This order was marked as placed by hand on {time} as order {id}. If that is the wrong order, enter the right ID: the panel is asked first, and the history keeps both.</source>
        <translation>Bu sipariş {time} tarihinde elle {id} numaralı sipariş olarak işaretlendi. Bu yanlış siparişse doğru ID&apos;yi girin: önce panele sorulur ve geçmişte ikisi de saklanır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="191"/>
        <source>Find this order in the panel&apos;s order list (compare the time and link below) and enter the order ID it shows there. If it is not there, cancel and dismiss the order instead.</source>
        <translation>Bu siparişi panelin sipariş listesinde bulun (aşağıdaki zamanı ve bağlantıyı karşılaştırın) ve orada görünen sipariş ID&apos;sini girin. Orada yoksa bu pencereyi kapatıp siparişi yok sayın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="200"/>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="202"/>
        <source>Sent {time}</source>
        <translation>Gönderildi: {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="203"/>
        <source>Service {id} · {name}</source>
        <translation>Servis {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="206"/>
        <source>Link {link}</source>
        <translation>Bağlantı: {link}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="207"/>
        <source>Quantity {quantity}</source>
        <translation>Miktar: {quantity}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="213"/>
        <source>Charge ≈ {amount}</source>
        <translation>Ücret ≈ {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="219"/>
        <source>Order {id}</source>
        <translation>Sipariş {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="220"/>
        <source>Status {status} ({panel_word})</source>
        <translation>Durum: {status} ({panel_word})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="226"/>
        <source>Charge {amount}</source>
        <translation>Ücret: {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="229"/>
        <source>Start count {count}</source>
        <translation>Başlangıç sayısı: {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="232"/>
        <source>Remains {count}</source>
        <translation>Kalan: {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="237"/>
        <source>Could not ask the panel: {problem}</source>
        <translation>Panele sorulamadı: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="243"/>
        <source>The panel says: {answer}</source>
        <translation>Panelin yanıtı: {answer}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="247"/>
        <source>Order {id} is already in this panel&apos;s history.</source>
        <translation>{id} numaralı sipariş bu panelin geçmişinde zaten var.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="252"/>
        <source>This is the ID the order has now.</source>
        <translation>Siparişin şu anki ID&apos;si zaten bu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="254"/>
        <source>The panel knows this order: compare it with this one before confirming.</source>
        <translation>Panel bu siparişi tanıyor: onaylamadan önce bununla karşılaştırın.</translation>
    </message>
</context>
<context>
    <name>OrderEstimate</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="37"/>
        <source>{unit} per post, open-ended (charged as each post appears)</source>
        <translation>Gönderi başına {unit}, süresiz (her gönderi çıktıkça ücretlendirilir)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="44"/>
        <source>{total} (1 post × {unit} per post)</source>
        <translation>{total} (1 gönderi × gönderi başına {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="46"/>
        <source>{total} ({count} posts × {unit} per post)</source>
        <translation>{total} ({count} gönderi × gönderi başına {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="50"/>
        <source>{total} (1 run × {unit})</source>
        <translation>{total} (1 tekrar × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="52"/>
        <source>{total} ({count} runs × {unit})</source>
        <translation>{total} ({count} tekrar × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="65"/>
        <source>1 package</source>
        <translation>1 paket</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="72"/>
        <source>1 run × {each} = {total}</source>
        <translation>1 tekrar × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="74"/>
        <source>{count} runs × {each} = {total}</source>
        <translation>{count} tekrar × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="84"/>
        <source>1 line</source>
        <translation>1 satır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="85"/>
        <source>{count} lines</source>
        <translation>{count} satır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="91"/>
        <source>up to {count}</source>
        <translation>en fazla {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="95"/>
        <source>{span} per post, open-ended</source>
        <translation>gönderi başına {span}, süresiz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="97"/>
        <source>{span} per post × 1 post</source>
        <translation>gönderi başına {span} × 1 gönderi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="99"/>
        <source>{span} per post × {count} posts</source>
        <translation>gönderi başına {span} × {count} gönderi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="118"/>
        <source>{balance} — not enough funds for one post</source>
        <translation>{balance} — bir gönderi için bile bakiye yetersiz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="120"/>
        <source>{balance} — charged post by post</source>
        <translation>{balance} — her gönderi için ayrı ücretlendirilir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="129"/>
        <source>{balance} — not enough funds</source>
        <translation>{balance} — bakiye yetersiz</translation>
    </message>
</context>
<context>
    <name>OrderFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="27"/>
        <source>&amp;Link</source>
        <translation>&amp;Bağlantı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="28"/>
        <source>&amp;Quantity</source>
        <translation>&amp;Miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="29"/>
        <source>&amp;Drip-feed runs</source>
        <translation>&amp;Drip-feed tekrar sayısı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="30"/>
        <source>&amp;Interval (minutes)</source>
        <translation>&amp;Aralık (dakika)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="31"/>
        <source>&amp;Comments</source>
        <translation>&amp;Yorumlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="32"/>
        <source>&amp;Usernames</source>
        <translation>&amp;Kullanıcı adları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="33"/>
        <source>&amp;Username</source>
        <translation>&amp;Kullanıcı adı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="34"/>
        <source>&amp;Keywords</source>
        <translation>Anahtar k&amp;elimeler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="35"/>
        <source>Hashta&amp;gs</source>
        <translation>Hashta&amp;gler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="36"/>
        <source>Hashta&amp;g</source>
        <translation>Hashta&amp;g</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="37"/>
        <source>Media &amp;URL</source>
        <translation>Medya &amp;URL&apos;si</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="38"/>
        <source>Comment &amp;author</source>
        <translation>Yorum sa&amp;hibi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="39"/>
        <source>&amp;Answer number</source>
        <translation>&amp;Cevap numarası</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="40"/>
        <source>&amp;Groups</source>
        <translation>&amp;Gruplar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="41"/>
        <source>M&amp;in per post</source>
        <translation>Gönderi başına m&amp;in</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="42"/>
        <source>M&amp;ax per post</source>
        <translation>Gönderi başına m&amp;aks</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="43"/>
        <source>Ne&amp;w posts</source>
        <translation>&amp;Yeni gönderiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="44"/>
        <source>O&amp;ld posts</source>
        <translation>&amp;Eski gönderiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="45"/>
        <source>&amp;Delay (minutes)</source>
        <translation>&amp;Gecikme (dakika)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="46"/>
        <source>&amp;Expiry</source>
        <translation>Bitiş &amp;tarihi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="49"/>
        <source>The page, post or profile URL</source>
        <translation>Sayfa, gönderi veya profil URL&apos;si</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="50"/>
        <source>Leave empty for no drip-feed</source>
        <translation>Drip-feed istemiyorsanız boş bırakın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="51"/>
        <source>One comment per line</source>
        <translation>Her satıra bir yorum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="52"/>
        <source>One username per line</source>
        <translation>Her satıra bir kullanıcı adı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="53"/>
        <source>One keyword per line</source>
        <translation>Her satıra bir anahtar kelime</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="54"/>
        <source>One hashtag per line</source>
        <translation>Her satıra bir hashtag</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="55"/>
        <source>Username of the comment&apos;s author</source>
        <translation>Yorumu yazanın kullanıcı adı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="56"/>
        <source>One group per line</source>
        <translation>Her satıra bir grup</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="57"/>
        <source>Empty = unlimited</source>
        <translation>Boş = sınırsız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="58"/>
        <source>dd/mm/yyyy</source>
        <translation>gg/aa/yyyy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="107"/>
        <source>{label} (optional)</source>
        <translation>{label} (isteğe bağlı)</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="136"/>
        <source>Place order</source>
        <translation>Sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="152"/>
        <source>Quantity</source>
        <translation>Miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="153"/>
        <source>Estimated charge</source>
        <translation>Tahmini ücret</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="154"/>
        <source>Balance after</source>
        <translation>Sonraki bakiye</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="161"/>
        <source>&amp;Service</source>
        <translation>&amp;Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="217"/>
        <source>Pick a service to order.</source>
        <translation>Sipariş vermek için bir servis seçin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="281"/>
        <source>Order {id} placed</source>
        <translation>{id} numaralı sipariş verildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="497"/>
        <source>Unconfirmed: {error} — the panel may have placed it. Check the panel&apos;s order list for this link before ordering again, then resolve it in Orders.</source>
        <translation>Onaylanmamış: {error} — panel siparişi vermiş olabilir. Tekrar sipariş vermeden önce panelin sipariş listesinde bu bağlantıyı kontrol edin, ardından Siparişler sekmesinde çözümleyin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="507"/>
        <source>The panel refused: no reason given</source>
        <translation>Panel reddetti: sebep belirtilmedi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="510"/>
        <source>The panel refused: {error}</source>
        <translation>Panel reddetti: {error}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/sending_note.py" line="24"/>
        <source>Waiting for the panel&apos;s answer… ({service}): it gives up at {time}, in {seconds} s; an unclear answer is kept as unconfirmed, never sent again</source>
        <translation>Panelin yanıtı bekleniyor… ({service}): bekleme {time} saatinde, {seconds} sn sonra sona erer; belirsiz bir yanıt onaylanmamış olarak saklanır, sipariş asla tekrar gönderilmez</translation>
    </message>
</context>
<context>
    <name>OrderNotes</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="46"/>
        <source>e.g. 12.50, or +30% over the charge</source>
        <translation>ör. 12,50 veya ücretin üzerine +30%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="90"/>
        <source>Who this order is for (optional)</source>
        <translation>Bu siparişin kimin için olduğu (isteğe bağlı)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="94"/>
        <source>A reminder for you; never sent to the panel</source>
        <translation>Kendiniz için bir hatırlatma; panele asla gönderilmez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="100"/>
        <source>&amp;Markups…</source>
        <translation>&amp;Kâr marjları…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="103"/>
        <source>Markups per customer and per service, which fill in the sell price</source>
        <translation>Satış fiyatını dolduran, müşteri ve servis bazında kâr marjları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="117"/>
        <source>Custome&amp;r (optional)</source>
        <translation>Müşte&amp;ri (isteğe bağlı)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="120"/>
        <source>&amp;Note (optional)</source>
        <translation>&amp;Not (isteğe bağlı)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="121"/>
        <source>Sell &amp;price (optional)</source>
        <translation>Satış &amp;fiyatı (isteğe bağlı)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="177"/>
        <source>Sold for ≈ {price}</source>
        <translation>Satış fiyatı ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="236"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Boş bırakılırsa müşterinin kâr marjı ({markup}) belirler: ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="240"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it</source>
        <translation>Boş bırakılırsa müşterinin kâr marjı ({markup}) belirler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="242"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Boş bırakılırsa bu servisin kâr marjı ({markup}) belirler: ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="245"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it</source>
        <translation>Boş bırakılırsa bu servisin kâr marjı ({markup}) belirler</translation>
    </message>
</context>
<context>
    <name>OrderProblems</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="63"/>
        <source>{field} is required</source>
        <translation>{field} gerekli</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="64"/>
        <source>{field} is too large</source>
        <translation>{field} çok büyük</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="65"/>
        <source>{field} must be a whole number</source>
        <translation>{field} tam sayı olmalıdır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="66"/>
        <source>{field} must be one of {choices}</source>
        <translation>{field} şunlardan biri olmalıdır: {choices}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="67"/>
        <source>A link is a single line</source>
        <translation>Bağlantı tek satır olmalıdır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="68"/>
        <source>A link cannot contain spaces or control characters</source>
        <translation>Bağlantı boşluk veya kontrol karakteri içeremez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="69"/>
        <source>A link is at most {limit} characters (this one has {count})</source>
        <translation>Bağlantı en fazla {limit} karakter olabilir (bu bağlantıda {count} var)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="72"/>
        <source>A link starts with http:// or https://, not {scheme}:</source>
        <translation>Bağlantı {scheme}: ile değil, http:// veya https:// ile başlamalıdır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="73"/>
        <source>This link has no address after http(s)://</source>
        <translation>Bu bağlantıda http(s):// sonrasında adres yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="74"/>
        <source>This link&apos;s address is not valid</source>
        <translation>Bu bağlantının adresi geçerli değil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="75"/>
        <source>{field} is a single line without control characters</source>
        <translation>{field} kontrol karakteri içermeyen tek bir satır olmalıdır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="76"/>
        <source>{field} is at most {limit} characters</source>
        <translation>{field} en fazla {limit} karakter olabilir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="77"/>
        <source>{field}: at most {limit} lines (you have {count})</source>
        <translation>{field}: en fazla {limit} satır (sizde {count} var)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="78"/>
        <source>At least {limit} (you have {count})</source>
        <translation>En az {limit} (sizde {count} var)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="79"/>
        <source>At most {limit} (you have {count})</source>
        <translation>En fazla {limit} (sizde {count} var)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="80"/>
        <source>At least 1 post (leave empty for no limit)</source>
        <translation>En az 1 gönderi (sınır istemiyorsanız boş bırakın)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="81"/>
        <source>At least {limit}</source>
        <translation>En az {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="82"/>
        <source>At most {limit}</source>
        <translation>En fazla {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="83"/>
        <source>Max must not be below min</source>
        <translation>Maks, min değerinden küçük olamaz</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="84"/>
        <source>Drip-feed needs at least 2 runs</source>
        <translation>Drip-feed için en az 2 tekrar gerekir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="85"/>
        <source>Drip-feed needs an interval of at least 1 minute</source>
        <translation>Drip-feed için aralık en az 1 dakika olmalıdır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="86"/>
        <source>“{text}” is not an amount. Type an amount such as 12.50, or a markup such as +30%.</source>
        <translation>“{text}” bir tutar değil. 12,50 gibi bir tutar veya +30% gibi bir kâr marjı yazın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="90"/>
        <source>That amount is too large.</source>
        <translation>Bu tutar çok büyük.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="91"/>
        <source>An amount has at most 7 decimals.</source>
        <translation>Bir tutar en fazla 7 ondalık basamak içerebilir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="92"/>
        <source>“{text}” is not a markup. Type a percentage, such as 30.</source>
        <translation>“{text}” bir kâr marjı değil. 30 gibi bir yüzde yazın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="93"/>
        <source>A markup lies between -100% and 100,000%.</source>
        <translation>Kâr marjı -100% ile 100.000% arasında olmalıdır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="94"/>
        <source>Type the markup before the %, such as +30%.</source>
        <translation>Kâr marjını % işaretinden önce yazın, ör. +30%.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="45"/>
        <source>⚠ Unconfirmed</source>
        <translation>⚠ Onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="46"/>
        <source>✕ Rejected</source>
        <translation>✕ Reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="47"/>
        <source>Sending…</source>
        <translation>Gönderiliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="48"/>
        <source>Dismissed</source>
        <translation>Yok sayıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="37"/>
        <source>All</source>
        <translation>Tümü</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="38"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="19"/>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="39"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="20"/>
        <source>In progress</source>
        <translation>İşlemde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="40"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="21"/>
        <source>Completed</source>
        <translation>Tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="22"/>
        <source>Partial</source>
        <translation>Kısmi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="42"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="23"/>
        <source>Canceled</source>
        <translation>İptal edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="43"/>
        <source>Unconfirmed</source>
        <translation>Onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="44"/>
        <source>Rejected</source>
        <translation>Reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="24"/>
        <source>Refunded</source>
        <translation>İade edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="25"/>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="26"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="27"/>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="28"/>
        <source>Expired</source>
        <translation>Süresi doldu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="29"/>
        <source>Unknown</source>
        <translation>Bilinmiyor</translation>
    </message>
</context>
<context>
    <name>OrderTwins</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="24"/>
        <source>being sent</source>
        <translation>gönderiliyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="25"/>
        <source>unconfirmed</source>
        <translation>onaylanmamış</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="32"/>
        <source>order {id}</source>
        <translation>sipariş {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="34"/>
        <source>#{id} (no order ID yet)</source>
        <translation>#{id} (henüz sipariş ID&apos;si yok)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="36"/>
        <source>service {id}</source>
        <translation>servis {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="56"/>
        <source>… and {count} more</source>
        <translation>… ve {count} tane daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="69"/>
        <source>An unconfirmed order for this link may already be on the panel. Check that panel&apos;s order list for this link first: if the order is there, resolve it in Orders with its ID instead of ordering again.</source>
        <translation>Bu bağlantı için onaylanmamış bir sipariş panelde zaten var olabilir. Önce o panelin sipariş listesinde bu bağlantıyı kontrol edin: sipariş oradaysa tekrar sipariş vermek yerine Siparişler sekmesinde ID&apos;siyle çözümleyin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="76"/>
        <source>This link already has an active order. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Bu bağlantının zaten aktif bir siparişi var. Paneller, ilki tamamlanana kadar aynı bağlantı için ikinci bir siparişi reddeder ya da ikisini aynı anda işler.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="81"/>
        <source>This link already has {count} active orders. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Bu bağlantının zaten {count} aktif siparişi var. Paneller, ilki tamamlanana kadar aynı bağlantı için ikinci bir siparişi reddeder ya da ikisini aynı anda işler.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="91"/>
        <source>placed, not checked yet</source>
        <translation>verildi, henüz kontrol edilmedi</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="80"/>
        <source>Panel says: {status}</source>
        <translation>Panelin durumu: {status}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="95"/>
        <source>Not known (tracked by its ID)</source>
        <translation>Bilinmiyor (ID ile takip ediliyor)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="122"/>
        <source>{span} per post</source>
        <translation>gönderi başına {span}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="125"/>
        <source>{span} × 1 post</source>
        <translation>{span} × 1 gönderi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="126"/>
        <source>{span} × {count} posts</source>
        <translation>{span} × {count} gönderi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="144"/>
        <source>Run {done} of {runs}</source>
        <translation>Tekrar {done}/{runs}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="150"/>
        <source>1 post served</source>
        <translation>1 gönderi tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="151"/>
        <source>{count} posts served</source>
        <translation>{count} gönderi tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="174"/>
        <source>Check the panel, then Resolve… (it is there) or Dismiss (it is not).</source>
        <translation>Paneli kontrol edin, ardından Çözümle… (oradaysa) veya Yok say (orada değilse) seçin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="213"/>
        <source>Sell {sell} − estimated charge {charge} = {profit}</source>
        <translation>Satış {sell} − tahmini ücret {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="215"/>
        <source>Sell {sell} − charge {charge} = {profit}</source>
        <translation>Satış {sell} − ücret {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="224"/>
        <source>Counted at what was delivered ({percent}%): the panel&apos;s charge is for the whole order, so both are scaled.</source>
        <translation>Teslim edilen kadarıyla hesaplandı (%{percent}): panelin ücreti siparişin tamamı için olduğundan ikisi de orantılandı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="230"/>
        <source>Counted at what was delivered ({percent}%): the panel already charged only what it delivered.</source>
        <translation>Teslim edilen kadarıyla hesaplandı (%{percent}): panel zaten yalnızca teslim ettiği kadarını ücretlendirdi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="61"/>
        <source>Spend {spend}</source>
        <translation>Harcama {spend}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="63"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit}</source>
        <translation>Harcama {spend} · Satış {sell} · Kâr {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="65"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit} ({sold} of {orders} sold)</source>
        <translation>Harcama {spend} · Satış {sell} · Kâr {profit} ({orders} siparişten {sold} tanesi satıldı)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="87"/>
        <source>Search ID, link, service, customer, note…</source>
        <translation>ID, bağlantı, servis, müşteri, not ara…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="90"/>
        <source>Every word, in any order, without case or accents: “ana promocao” finds “Promoção” orders for customer Ana</source>
        <translation>Her kelime, herhangi bir sırada, büyük/küçük harf ve aksan farkı gözetmeden: “ayse cekilis”, müşterisi Ayşe olan “Çekiliş” siparişlerini bulur</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="98"/>
        <source>All panels</source>
        <translation>Tüm paneller</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="101"/>
        <source>Every panel&apos;s orders in one list, with a Panel column; actions go to each order&apos;s own panel</source>
        <translation>Tüm panellerin siparişleri Panel sütunuyla tek listede; işlemler her siparişin kendi paneline gider</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="107"/>
        <source>Refresh now</source>
        <translation>Şimdi yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="116"/>
        <source>What the orders shown cost and sold for, per currency: orders the panel took, partial ones counted at what was delivered; profit counts the orders with a sell price</source>
        <translation>Gösterilen siparişlerin maliyeti ve satış tutarı, para birimine göre: panelin kabul ettiği siparişler, kısmi olanlar teslim edilen kadarıyla; kâr, satış fiyatı olan siparişlerden hesaplanır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="146"/>
        <source>{tab} ({count})</source>
        <translation>{tab} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="153"/>
        <source>1 order matching “{search}”</source>
        <translation>“{search}” ile eşleşen 1 sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="154"/>
        <source>{count} orders matching “{search}”</source>
        <translation>“{search}” ile eşleşen {count} sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>1 order</source>
        <translation>1 sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>{count} orders</source>
        <translation>{count} sipariş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="167"/>
        <source>Adding up…</source>
        <translation>Toplanıyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="176"/>
        <source>All 1 order selected</source>
        <translation>1 siparişin tümü seçildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="177"/>
        <source>All {count} orders selected</source>
        <translation>{count} siparişin tümü seçildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="180"/>
        <source>{count} selected</source>
        <translation>{count} seçili</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="91"/>
        <source>Date</source>
        <translation>Tarih</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="92"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="93"/>
        <source>Order ID</source>
        <translation>Sipariş ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="94"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="95"/>
        <source>Link</source>
        <translation>Bağlantı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="96"/>
        <source>Customer</source>
        <translation>Müşteri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="97"/>
        <source>Quantity</source>
        <translation>Miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="98"/>
        <source>Charge</source>
        <translation>Ücret</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="99"/>
        <source>Sell price</source>
        <translation>Satış fiyatı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="100"/>
        <source>Profit</source>
        <translation>Kâr</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="101"/>
        <source>Start count</source>
        <translation>Başlangıç sayısı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="102"/>
        <source>Remains</source>
        <translation>Kalan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="103"/>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="104"/>
        <source>Currency</source>
        <translation>Para birimi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="105"/>
        <source>Note</source>
        <translation>Not</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="106"/>
        <source>Details</source>
        <translation>Ayrıntılar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="254"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="137"/>
        <source>Refreshing statuses…</source>
        <translation>Durumlar yenileniyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="443"/>
        <source>Refresh failed — {problem}</source>
        <translation>Yenileme başarısız — {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="452"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="32"/>
        <source>No order in {tab} matches “{search}”.</source>
        <translation>{tab} sekmesinde “{search}” ile eşleşen sipariş yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="35"/>
        <source>Clear the search</source>
        <translation>Aramayı temizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="39"/>
        <source>No orders in {tab}.</source>
        <translation>{tab} sekmesinde sipariş yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="40"/>
        <source>Show all orders</source>
        <translation>Tüm siparişleri göster</translation>
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
        <location filename="../../smmdesk/ui/prices/board_model.py" line="41"/>
        <source>not compared</source>
        <translation>karşılaştırılmadı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="66"/>
        <source>Rate</source>
        <translation>Fiyat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="67"/>
        <source>Panel&apos;s rate</source>
        <translation>Panel fiyatı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="68"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="69"/>
        <source>Max</source>
        <translation>Maks</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="70"/>
        <source>Refill</source>
        <translation>Telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="71"/>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="72"/>
        <source>Completion</source>
        <translation>Tamamlanma</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="75"/>
        <source>From your own orders: the median time from placed to completed, and in brackets how many orders it rests on. Empty: you never had an order of it completed.</source>
        <translation>Kendi siparişlerinizden: verilişten tamamlanmaya kadar geçen sürenin medyanı ve parantez içinde kaç siparişe dayandığı. Boş: bu servisten hiç tamamlanmış siparişiniz olmadı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="97"/>
        <source>Lifetime</source>
        <translation>Ömür boyu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="99"/>
        <source>No refill</source>
        <translation>Telafi yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="101"/>
        <source>{count} days</source>
        <translation>{count} gün</translation>
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
        <translation>Tüm panellerde ara: kelimeler herhangi bir sırada…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Karşılaştırma birimi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Rates…</source>
        <translation>Ku&amp;rlar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="75"/>
        <source>&amp;Order on this panel</source>
        <translation>Bu panelde &amp;sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="156"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Tüm panellerin kataloğu okunuyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="207"/>
        <source>No service of any panel matches “{search}”.</source>
        <translation>Hiçbir panelde “{search}” ile eşleşen servis yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="210"/>
        <source>Clear the search</source>
        <translation>Aramayı temizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="249"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Henüz önbellekte katalog yok: almak için bir panelin Servisler sekmesini bir kez açın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="277"/>
        <source>{summary} Not compared until a balance says their currency: {panels}.</source>
        <translation>{summary} Bir bakiye para birimini bildirene kadar karşılaştırılmaz: {panels}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="256"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 panel, {services} servis, en ucuzdan başlayarak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="257"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} panel, {services} servis, en ucuzdan başlayarak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="259"/>
        <source>1 panel, {services} services: none can be compared in {currency}.</source>
        <translation>1 panel, {services} servis: hiçbiri {currency} cinsinden karşılaştırılamıyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="262"/>
        <source>{panels} panels, {services} services: none can be compared in {currency}.</source>
        <translation>{panels} panel, {services} servis: hiçbiri {currency} cinsinden karşılaştırılamıyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="271"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Karşılaştırılmadı ({currencies} için kur yok): Kurlar… ile ekleyin.</translation>
    </message>
</context>
<context>
    <name>PriceWatch</name>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="18"/>
        <source>no longer listed</source>
        <translation>artık listede yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="32"/>
        <source>Seen</source>
        <translation>Tespit tarihi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="33"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="34"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="35"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="36"/>
        <source>Old rate</source>
        <translation>Eski fiyat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="37"/>
        <source>New rate</source>
        <translation>Yeni fiyat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="38"/>
        <source>Change</source>
        <translation>Değişim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="52"/>
        <source>gone</source>
        <translation>kaldırıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="61"/>
        <source>{change}%</source>
        <translation>{change}%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="30"/>
        <source>No service you ordered in the last {days} days changed its price or left a panel&apos;s catalogue. Changes are seen when a catalogue is refreshed (Services tab).</source>
        <translation>Son {days} günde sipariş verdiğiniz servislerin hiçbirinin fiyatı değişmedi veya hiçbiri panel kataloğundan çıkmadı. Değişiklikler katalog yenilendiğinde görülür (Servisler sekmesi).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="41"/>
        <source>1 price change</source>
        <translation>1 fiyat değişikliği</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="42"/>
        <source>{count} price changes</source>
        <translation>{count} fiyat değişikliği</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="45"/>
        <source>{changes} and {gone}</source>
        <translation>{changes} ve {gone}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="49"/>
        <source>1 service no longer listed</source>
        <translation>artık listede olmayan 1 servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="50"/>
        <source>{count} services no longer listed</source>
        <translation>artık listede olmayan {count} servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="53"/>
        <source>{what} among the services you ordered in the last {days} days, newest first. Rates are per 1000 (per package for packages), in each panel&apos;s currency.</source>
        <translation>Son {days} günde sipariş verdiğiniz servislerde {what} var, en yenisi önce listelenir. Fiyatlar 1000 adet başınadır (paketlerde paket başına), her panelin kendi para biriminde.</translation>
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
    <name>RefillWindows</name>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="43"/>
        <source>Guarantee ends</source>
        <translation>Garanti bitişi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="44"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="45"/>
        <source>Order ID</source>
        <translation>Sipariş ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="46"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="47"/>
        <source>Link</source>
        <translation>Bağlantı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="48"/>
        <source>Guarantee</source>
        <translation>Garanti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="49"/>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="50"/>
        <source>Dropped</source>
        <translation>Düştü</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="53"/>
        <source>Tick when the count on the link fell: the panel is not asked about a finished order again, so only you can see it.</source>
        <translation>Bağlantıdaki sayı düştüğünde işaretleyin: panel, biten bir sipariş hakkında bir daha sorgulanmaz, bunu yalnızca siz görebilirsiniz.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="65"/>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="66"/>
        <source>In progress</source>
        <translation>İşlemde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="67"/>
        <source>Completed</source>
        <translation>Tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="68"/>
        <source>Partial</source>
        <translation>Kısmi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="69"/>
        <source>Canceled</source>
        <translation>İptal edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="70"/>
        <source>Refunded</source>
        <translation>İade edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="71"/>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="72"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="73"/>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="74"/>
        <source>Expired</source>
        <translation>Süresi doldu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="75"/>
        <source>Unknown</source>
        <translation>Bilinmiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="84"/>
        <source>within the hour</source>
        <translation>bir saat içinde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="87"/>
        <source>in {count} h</source>
        <translation>{count} sa içinde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="91"/>
        <source>in 1 day</source>
        <translation>1 gün içinde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="92"/>
        <source>in {count} days</source>
        <translation>{count} gün içinde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="94"/>
        <source>{when} ({time})</source>
        <translation>{when} ({time})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="105"/>
        <source>partial</source>
        <translation>kısmi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="110"/>
        <source>lifetime</source>
        <translation>ömür boyu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="147"/>
        <source>{state}, finished {age}</source>
        <translation>{state}, {age} bitti</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="62"/>
        <source>No refill guarantee ends in the next {days}.</source>
        <translation>Önümüzdeki {days} içinde biten telafi garantisi yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="63"/>
        <source>Listed here are completed or partial orders whose service promised a refill period in its name or description (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), with no refill running; services that state no period are never listed.</source>
        <translation>Burada, servisinin adında veya açıklamasında bir telafi süresi vaat edilen (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;) ve devam eden telafisi olmayan tamamlanmış veya kısmi siparişler listelenir; süre belirtmeyen servisler hiç listelenmez.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="74"/>
        <source>{orders} whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>Telafi garantisi önümüzdeki {days} içinde biten {orders}, en yakın tarihliden başlayarak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>1 panel</source>
        <translation>1 panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>{count} panels</source>
        <translation>{count} panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="130"/>
        <source> days</source>
        <translation> gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="131"/>
        <source>Guarantee ends &amp;within</source>
        <translation>Garantinin bitmesine &amp;kalan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="56"/>
        <source>Dropped or partial</source>
        <translation>Düşen veya kısmi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="57"/>
        <source>Every closing guarantee</source>
        <translation>Biten tüm garantiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="81"/>
        <source>{orders} that dropped or went partial, whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>Düşen veya kısmi kalan, telafi garantisi {days} içinde biten {orders}, en yakını önce.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="92"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. 1 order&apos;s guarantee ends then: show every closing guarantee and tick Dropped if its count fell.</source>
        <translation>Düşen veya kısmi kalan hiçbir siparişin telafi garantisi {days} içinde bitmiyor. 1 siparişin garantisi o sürede bitiyor: biten tüm garantileri gösterin ve sayısı düştüyse Düştü&apos;yü işaretleyin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="98"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. {count} orders&apos; guarantees end then: show every closing guarantee and tick Dropped for those whose count fell.</source>
        <translation>Düşen veya kısmi kalan hiçbir siparişin telafi garantisi {days} içinde bitmiyor. {count} siparişin garantisi o sürede bitiyor: biten tüm garantileri gösterin ve sayısı düşenler için Düştü&apos;yü işaretleyin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="136"/>
        <source>&amp;Show</source>
        <translation>&amp;Göster</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="140"/>
        <source>&amp;Refill dropped and partial</source>
        <translation>Düşen ve kısmi olanları &amp;telafi et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="240"/>
        <source>Ask for a refill of {orders} on {panels}?</source>
        <translation>{panels} üzerindeki {orders} için telafi istensin mi?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="243"/>
        <source>Refill orders</source>
        <translation>Siparişler için telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="247"/>
        <source>Refill 1 order</source>
        <translation>1 sipariş için telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="248"/>
        <source>Refill {count} orders</source>
        <translation>{count} sipariş için telafi iste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="252"/>
        <source>Don&apos;t refill</source>
        <translation>Telafi isteme</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="268"/>
        <source>Requesting 1 refill…</source>
        <translation>1 telafi talep ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="269"/>
        <source>Requesting {count} refills…</source>
        <translation>{count} telafi talep ediliyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="290"/>
        <source>{summary}. Not sent: {failures}</source>
        <translation>{summary}. Gönderilmedi: {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="295"/>
        <source>Refill results</source>
        <translation>Telafi sonuçları</translation>
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
        <translation>Telafi ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="62"/>
        <source>Order ID</source>
        <translation>Sipariş ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="63"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="64"/>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="65"/>
        <source>Requested</source>
        <translation>Talep tarihi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="66"/>
        <source>Updated</source>
        <translation>Güncelleme</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="67"/>
        <source>Error</source>
        <translation>Hata</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="71"/>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="72"/>
        <source>In progress</source>
        <translation>İşlemde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="73"/>
        <source>Completed</source>
        <translation>Tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="74"/>
        <source>Rejected</source>
        <translation>Reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="75"/>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="76"/>
        <source>Unknown</source>
        <translation>Bilinmiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="91"/>
        <source>Refused</source>
        <translation>Geri çevrildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="230"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="105"/>
        <source>Refreshing refills…</source>
        <translation>Telafiler yenileniyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="158"/>
        <source>Search refill ID, order ID, panel, status…</source>
        <translation>Telafi ID, sipariş ID, panel, durum ara…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="161"/>
        <source>All panels</source>
        <translation>Tüm paneller</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="164"/>
        <source>Every panel&apos;s refills in one list, with a Panel column</source>
        <translation>Tüm panellerin telafileri Panel sütunuyla tek listede</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="166"/>
        <source>Refresh now</source>
        <translation>Şimdi yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="274"/>
        <source>Refresh failed — {reason}</source>
        <translation>Yenileme başarısız — {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="284"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="303"/>
        <source>1 refill matching “{search}”</source>
        <translation>“{search}” ile eşleşen 1 telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="304"/>
        <source>{count} refills matching “{search}”</source>
        <translation>“{search}” ile eşleşen {count} telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>{count} refills</source>
        <translation>{count} telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>1 refill</source>
        <translation>1 telafi</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="55"/>
        <source>Others</source>
        <translation>Diğerleri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="57"/>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="77"/>
        <source>(none)</source>
        <translation>(yok)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="64"/>
        <source>unknown currency</source>
        <translation>bilinmeyen para birimi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="66"/>
        <source>Spend ({currency})</source>
        <translation>Harcama ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="67"/>
        <source>Profit ({currency})</source>
        <translation>Kâr ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="33"/>
        <source>Period</source>
        <translation>Dönem</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="34"/>
        <source>Group</source>
        <translation>Grup</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="35"/>
        <source>Currency</source>
        <translation>Para birimi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="36"/>
        <source>Orders</source>
        <translation>Siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="37"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Spend</source>
        <translation>Harcama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="38"/>
        <source>With sell price</source>
        <translation>Satış fiyatlı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="39"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Profit</source>
        <translation>Kâr</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="48"/>
        <source>week of {day}</source>
        <translation>{day} haftası</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="22"/>
        <source>No orders yet. Spending reports add up the orders you place from SMMDesk (or track by ID): place one from New order or Mass order and it appears here.</source>
        <translation>Henüz sipariş yok. Harcama raporları SMMDesk&apos;ten verdiğiniz (veya ID ile takip ettiğiniz) siparişleri toplar: Yeni sipariş veya Toplu sipariş sekmesinden bir sipariş verin, burada görünür.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="29"/>
        <source>The start date is after the end date: pick a start on or before the end.</source>
        <translation>Başlangıç tarihi bitiş tarihinden sonra: bitişle aynı gün veya daha önce bir başlangıç seçin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="34"/>
        <source>Profit needs the sell price of each order, which this history does not record yet. Spend is shown instead.</source>
        <translation>Kâr için her siparişin satış fiyatı gerekir, bu geçmiş henüz bunu kaydetmiyor. Bunun yerine harcama gösteriliyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="42"/>
        <source>{count} days are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} gün tek bir grafik için çok fazla sütun demek: ay seçin veya daha kısa bir aralık seçin. Aşağıdaki tablo tüm satırları listeler.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="47"/>
        <source>{count} weeks are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} hafta tek bir grafik için çok fazla sütun demek: ay seçin veya daha kısa bir aralık seçin. Aşağıdaki tablo tüm satırları listeler.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="52"/>
        <source>{count} months are too many bars for one chart: choose fewer years or a shorter range. The table below lists every line.</source>
        <translation>{count} ay tek bir grafik için çok fazla sütun demek: daha az yıl veya daha kısa bir aralık seçin. Aşağıdaki tablo tüm satırları listeler.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="67"/>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="80"/>
        <source>{count} orders from {first} to {last}.</source>
        <translation>{first} – {last} arası {count} sipariş.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="86"/>
        <source>1 order from {first} to {last}: {spent} spent.</source>
        <translation>{first} – {last} arası 1 sipariş: {spent} harcandı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="87"/>
        <source>{count} orders from {first} to {last}: {spent} spent.</source>
        <translation>{first} – {last} arası {count} sipariş: {spent} harcandı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="99"/>
        <source>Profit {profit} on the 1 order with a sell price.</source>
        <translation>Satış fiyatı olan 1 siparişte kâr {profit}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="100"/>
        <source>Profit {profit} on the {count} orders with a sell price.</source>
        <translation>Satış fiyatı olan {count} siparişte kâr {profit}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="121"/>
        <source>This order has no sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Bu siparişin satış fiyatı yok, bu yüzden gösterilecek kâr yok. Satış fiyatlarını Siparişler sekmesinde girin veya Harcama&apos;yı gösterin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="126"/>
        <source>None of these {count} orders has a sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Bu {count} siparişin hiçbirinin satış fiyatı yok, bu yüzden gösterilecek kâr yok. Satış fiyatlarını Siparişler sekmesinde girin veya Harcama&apos;yı gösterin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="139"/>
        <source>Amounts in {currencies} are kept apart, never added together. The chart shows {shown}; pick another currency above. The table lists them all.</source>
        <translation>{currencies} cinsinden tutarlar ayrı tutulur, asla toplanmaz. Grafikte {shown} gösteriliyor; yukarıdan başka bir para birimi seçin. Tablo hepsini listeler.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="152"/>
        <source>Nothing was spent in this currency and range: its orders were canceled, refunded or failed, and the panels gave the money back.</source>
        <translation>Bu para biriminde ve aralıkta hiç harcama yok: siparişler iptal edildi, iade edildi veya başarısız oldu ve paneller parayı geri verdi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="157"/>
        <source>Profit is zero on every order with a sell price in this range.</source>
        <translation>Bu aralıkta satış fiyatı olan tüm siparişlerde kâr sıfır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="166"/>
        <source>No orders were placed from {first} to {last}.</source>
        <translation>{first} – {last} arası hiç sipariş verilmedi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="171"/>
        <source>That range is in the future.</source>
        <translation>Bu aralık gelecekte.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="177"/>
        <source>Your one order was placed on {first}.</source>
        <translation>Tek siparişiniz {first} tarihinde verildi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="178"/>
        <source>Your {count} orders were placed from {first} to {last}.</source>
        <translation>{count} siparişiniz {first} – {last} arasında verildi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="61"/>
        <source>Last 7 days</source>
        <translation>Son 7 gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="62"/>
        <source>Last 30 days</source>
        <translation>Son 30 gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="63"/>
        <source>Last 90 days</source>
        <translation>Son 90 gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="64"/>
        <source>Last 12 months</source>
        <translation>Son 12 ay</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="65"/>
        <source>Custom</source>
        <translation>Özel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Day</source>
        <translation>Gün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Week</source>
        <translation>Hafta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="68"/>
        <source>Month</source>
        <translation>Ay</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="70"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="71"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="72"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="73"/>
        <source>Customer</source>
        <translation>Müşteri</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="124"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV olarak &amp;dışa aktar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="126"/>
        <source>Save &amp;chart…</source>
        <translation>Grafiği &amp;kaydet…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="132"/>
        <source>&amp;Range</source>
        <translation>&amp;Aralık</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="133"/>
        <source>&amp;From</source>
        <translation>&amp;Başlangıç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="134"/>
        <source>&amp;To</source>
        <translation>Bi&amp;tiş</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="135"/>
        <source>&amp;By</source>
        <translation>&amp;Periyot</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="145"/>
        <source>&amp;Per</source>
        <translation>&amp;Grupla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="146"/>
        <source>&amp;Show</source>
        <translation>Gö&amp;ster</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="147"/>
        <source>C&amp;urrency</source>
        <translation>Para bir&amp;imi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="214"/>
        <source>Adding up your orders…</source>
        <translation>Siparişleriniz toplanıyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="331"/>
        <source>Export report</source>
        <translation>Raporu dışa aktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="346"/>
        <source>Save chart</source>
        <translation>Grafiği kaydet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="351"/>
        <source>PNG images (*.png)</source>
        <translation>PNG resimleri (*.png)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="385"/>
        <source>Exported 1 chart to {path}</source>
        <translation>1 grafik {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="388"/>
        <source>Exported 1 line to {path}</source>
        <translation>1 satır {path} dosyasına aktarıldı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="389"/>
        <source>Exported {count} lines to {path}</source>
        <translation>{count} satır {path} dosyasına aktarıldı</translation>
    </message>
</context>
<context>
    <name>Scorecard</name>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="44"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="45"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="46"/>
        <source>Orders</source>
        <translation>Siparişler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="47"/>
        <source>Spend</source>
        <translation>Harcama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="48"/>
        <source>Placed → started</source>
        <translation>Verildi → başladı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="49"/>
        <source>90% started within</source>
        <translation>%90&apos;ı şu sürede başladı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="50"/>
        <source>Placed → completed</source>
        <translation>Verildi → tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="51"/>
        <source>90% completed within</source>
        <translation>%90&apos;ı şu sürede tamamlandı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="52"/>
        <source>Partial</source>
        <translation>Kısmi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="53"/>
        <source>Canceled</source>
        <translation>İptal edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="54"/>
        <source>Refunded</source>
        <translation>İade edildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="55"/>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="56"/>
        <source>Refills</source>
        <translation>Telafiler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="57"/>
        <source>Stuck</source>
        <translation>Takılan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="61"/>
        <source>partial</source>
        <translation>kısmi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="62"/>
        <source>canceled</source>
        <translation>iptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="63"/>
        <source>refunded</source>
        <translation>iade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="64"/>
        <source>failed</source>
        <translation>başarısız</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="78"/>
        <source>{asked} asked: {done} done, {refused} refused</source>
        <translation>{asked} talep: {done} tamamlandı, {refused} reddedildi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="103"/>
        <source>(every service)</source>
        <translation>(tüm servisler)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="152"/>
        <source>From your 1 order: {spent} spent.</source>
        <translation>1 siparişinizden: {spent} harcandı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="153"/>
        <source>From your {count} orders: {spent} spent.</source>
        <translation>{count} siparişinizden: {spent} harcandı.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="156"/>
        <source>Placed → started: {spread}.</source>
        <translation>Verildi → başladı: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="159"/>
        <source>Placed → completed: {spread}.</source>
        <translation>Verildi → tamamlandı: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="164"/>
        <source>{outcome} {share}</source>
        <translation>{outcome} {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="175"/>
        <source>Of 1 finished order: {shares}.</source>
        <translation>Sonuçlanan 1 siparişten: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="176"/>
        <source>Of {count} finished orders: {shares}.</source>
        <translation>Sonuçlanan {count} siparişten: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="182"/>
        <source>Refills: {refills}.</source>
        <translation>Telafiler: {refills}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="188"/>
        <source>1 order with no progress lately.</source>
        <translation>Son zamanlarda ilerlemeyen 1 sipariş.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="189"/>
        <source>{count} orders with no progress lately.</source>
        <translation>Son zamanlarda ilerlemeyen {count} sipariş.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="27"/>
        <source>No orders yet. The scorecard is worked out from your own orders: how fast each service started and completed, how often it ended partial, canceled or refunded. Place orders and it fills in as they progress.</source>
        <translation>Henüz sipariş yok. Performans tablosu kendi siparişlerinizden hesaplanır: her servisin ne kadar hızlı başlayıp tamamlandığı, ne sıklıkla kısmi, iptal veya iade ile sonuçlandığı. Sipariş verin; siparişler ilerledikçe tablo dolar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per service</source>
        <translation>Servis bazında</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per panel</source>
        <translation>Panel bazında</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="57"/>
        <source> h</source>
        <translation> sa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="59"/>
        <source>An order not final with no progress for this long is stuck</source>
        <translation>Henüz sonuçlanmamış ve bu süre boyunca ilerlemeyen sipariş takılmış sayılır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="61"/>
        <source>&amp;Stuck after no progress for</source>
        <translation>&amp;Takılmış sayılma süresi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="95"/>
        <source>Working out the scorecard from your orders…</source>
        <translation>Performans tablosu siparişlerinizden hesaplanıyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="150"/>
        <source>From your {orders} on {panels}, {services}. Times run from placing to the first refresh that saw the order started or completed; each figure says how many orders it rests on.</source>
        <translation>{panels} ve {services} üzerinde verdiğiniz {orders} baz alındı. Süreler, siparişin verilmesinden siparişi başlamış veya tamamlanmış gören ilk yenilemeye kadar ölçülür; her rakam kaç siparişe dayandığını belirtir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>1 panel</source>
        <translation>1 panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>{count} panels</source>
        <translation>{count} panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="162"/>
        <source>1 service</source>
        <translation>1 servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="163"/>
        <source>{count} services</source>
        <translation>{count} servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="168"/>
        <source>One order is too few to judge a provider by.</source>
        <translation>Bir sağlayıcıyı değerlendirmek için tek sipariş çok az.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="173"/>
        <source>1 order had no progress for {hours} h or more.</source>
        <translation>1 sipariş {hours} sa veya daha uzun süredir ilerlemiyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="174"/>
        <source>{count} orders had no progress for {hours} h or more.</source>
        <translation>{count} sipariş {hours} sa veya daha uzun süredir ilerlemiyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="22"/>
        <source>You have not ordered this service yet: no figures of your own.</source>
        <translation>Bu servisten henüz sipariş vermediniz: size ait rakam yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="49"/>
        <source>Reading your orders of this service…</source>
        <translation>Bu servisteki siparişleriniz okunuyor…</translation>
    </message>
</context>
<context>
    <name>ServiceDetails</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="52"/>
        <source>Service description</source>
        <translation>Servis açıklaması</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="57"/>
        <source>Order this</source>
        <translation>Sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="60"/>
        <source>Open the New order form with this service ({key})</source>
        <translation>Yeni sipariş formunu bu servisle aç ({key})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="84"/>
        <source>Select a service to see its details.</source>
        <translation>Ayrıntılarını görmek için bir servis seçin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="89"/>
        <source>The panel gives no description.</source>
        <translation>Panel bir açıklama vermiyor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="96"/>
        <source>ID {id} · {category}</source>
        <translation>ID {id} · {category}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="129"/>
        <source>ID {id} · {type} · {category}</source>
        <translation>ID {id} · {type} · {category}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="132"/>
        <source>Rate: {rate}</source>
        <translation>Fiyat: {rate}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="133"/>
        <source>Quantity: {min} to {max}</source>
        <translation>Miktar: {min} – {max}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="140"/>
        <source>{change}: {detail}</source>
        <translation>{change}: {detail}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="151"/>
        <source>Refill: yes</source>
        <translation>Telafi: var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="153"/>
        <source>Refill: no</source>
        <translation>Telafi: yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="154"/>
        <source>Cancel: yes</source>
        <translation>İptal: var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="156"/>
        <source>Cancel: no</source>
        <translation>İptal: yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="157"/>
        <source>Drip-feed: yes</source>
        <translation>Drip-feed: var</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="159"/>
        <source>Drip-feed: no</source>
        <translation>Drip-feed: yok</translation>
    </message>
</context>
<context>
    <name>ServiceFilter</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="32"/>
        <source>All categories</source>
        <translation>Tüm kategoriler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="33"/>
        <source>{star} Favourites</source>
        <translation>{star} Favoriler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="37"/>
        <source>Search name, category or ID  (Ctrl+F)</source>
        <translation>Ad, kategori veya ID ara  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="39"/>
        <source>Search services</source>
        <translation>Servislerde ara</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="41"/>
        <source>Every word you type must appear in the service&apos;s name, category or ID, in any order</source>
        <translation>Yazdığınız her kelime, sırası fark etmeksizin servisin adında, kategorisinde veya ID&apos;sinde geçmelidir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="54"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="56"/>
        <source>A category, or {favourites}: your starred services and those the panel dropped</source>
        <translation>Bir kategori veya {favourites}: yıldızladığınız servisler ve panelin kaldırdıkları</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="64"/>
        <source>&amp;Refill</source>
        <translation>T&amp;elafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="65"/>
        <source>Only services you can ask a refill for</source>
        <translation>Yalnızca telafi istenebilen servisler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="69"/>
        <source>C&amp;ancel</source>
        <translation>İ&amp;ptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="70"/>
        <source>Only services whose orders you can ask to cancel</source>
        <translation>Yalnızca siparişleri için iptal istenebilen servisler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="74"/>
        <source>&amp;Drip-feed</source>
        <translation>D&amp;rip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="75"/>
        <source>Only services that can be delivered in runs</source>
        <translation>Yalnızca kademeli (drip-feed) teslim edilebilen servisler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="79"/>
        <source>Changes on&amp;ly</source>
        <translation>Yalnız&amp;ca değişenler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="80"/>
        <source>Only services that are new or re-priced since the last fetch</source>
        <translation>Yalnızca son yenilemeden bu yana yeni eklenen veya fiyatı değişen servisler</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="58"/>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="59"/>
        <source>Ordered recently</source>
        <translation>Son sipariş verilen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="71"/>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="63"/>
        <source>Service</source>
        <translation>Servis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="72"/>
        <source>Rate / 1000</source>
        <translation>Fiyat / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="73"/>
        <source>Min – max</source>
        <translation>Min – maks</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="231"/>
        <source>Favourite or recent</source>
        <translation>Favori veya son kullanılan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="57"/>
        <source>Clear search</source>
        <translation>Aramayı temizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="114"/>
        <source>No service matches “{typed}”. Esc goes back.</source>
        <translation>“{typed}” ile eşleşen servis yok. Esc ile geri dönün.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="118"/>
        <source>This panel lists no services yet.</source>
        <translation>Bu panelde henüz listelenen servis yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="186"/>
        <source>1 service matches · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 servis eşleşiyor · ↑ ↓ ile gezinin, Enter ile seçin, Esc ile geri dönün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="190"/>
        <source>{count} services match · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} servis eşleşiyor · ↑ ↓ ile gezinin, Enter ile seçin, Esc ile geri dönün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="194"/>
        <source>1 service · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 servis · ↑ ↓ ile gezinin, Enter ile seçin, Esc ile geri dönün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="197"/>
        <source>{count} services · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} servis · ↑ ↓ ile gezinin, Enter ile seçin, Esc ile geri dönün</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="61"/>
        <source>Search services by ID, name or category…</source>
        <translation>Servisleri ID, ad veya kategoriye göre ara…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="70"/>
        <source>All services (Down)</source>
        <translation>Tüm servisler (Aşağı ok)</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="27"/>
        <source>New</source>
        <translation>Yeni</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="28"/>
        <source>Price ↑</source>
        <translation>Fiyat ↑</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="29"/>
        <source>Price ↓</source>
        <translation>Fiyat ↓</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="49"/>
        <source>New since the previous fetch of the catalogue</source>
        <translation>Kataloğun önceki yenilemesinden bu yana yeni</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="50"/>
        <source>was {old}, now {new}</source>
        <translation>önceki {old}, şimdi {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="55"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="56"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="57"/>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="58"/>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="59"/>
        <source>Rate / 1000</source>
        <translation>Fiyat / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="60"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="61"/>
        <source>Max</source>
        <translation>Maks</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="62"/>
        <source>Refill</source>
        <translation>Telafi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="63"/>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="64"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="67"/>
        <source>The panel&apos;s ID of the service</source>
        <translation>Servisin paneldeki ID&apos;si</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="68"/>
        <source>What the order form asks for this service (Default, Package, …)</source>
        <translation>Sipariş formunun bu servis için istedikleri (Default, Package, …)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="71"/>
        <source>The panel&apos;s price per 1000, or per package for package services</source>
        <translation>Panelin 1000 adet başına fiyatı (paket servislerinde paket başına)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="74"/>
        <source>The smallest quantity the panel accepts</source>
        <translation>Panelin kabul ettiği en düşük miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="75"/>
        <source>The largest quantity the panel accepts</source>
        <translation>Panelin kabul ettiği en yüksek miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="76"/>
        <source>✓: you can ask the panel for a refill</source>
        <translation>✓: panelden telafi istenebilir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="77"/>
        <source>✓: you can ask the panel to cancel the order</source>
        <translation>✓: panelden siparişin iptali istenebilir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="78"/>
        <source>✓: the order can be delivered in runs (drip-feed)</source>
        <translation>✓: sipariş kademeli olarak teslim edilebilir (drip-feed)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="81"/>
        <source>Favourites: click a star, or press Ctrl+D</source>
        <translation>Favoriler: bir yıldıza tıklayın veya Ctrl+D tuşlarına basın</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="85"/>
        <source>Rate per 1000</source>
        <translation>1000 adet başına fiyat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="86"/>
        <source>Minimum quantity</source>
        <translation>Minimum miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="87"/>
        <source>Maximum quantity</source>
        <translation>Maksimum miktar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="88"/>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="95"/>
        <source>New · {name}</source>
        <translation>Yeni · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>no</source>
        <translation>hayır</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="106"/>
        <source>Order this</source>
        <translation>Sipariş ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="111"/>
        <source>Refresh catalogue</source>
        <translation>Kataloğu yenile</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="114"/>
        <source>Fetch the panel&apos;s services and prices again (F5)</source>
        <translation>Panelin servislerini ve fiyatlarını yeniden al (F5)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="121"/>
        <source>Refreshing the catalogue</source>
        <translation>Katalog yenileniyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="154"/>
        <source>Services</source>
        <translation>Servisler</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="217"/>
        <source>Refreshing the catalogue…</source>
        <translation>Katalog yenileniyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="297"/>
        <source>Could not refresh the catalogue: {reason}</source>
        <translation>Katalog yenilenemedi: {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="355"/>
        <source>Show all services</source>
        <translation>Tüm servisleri göster</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="359"/>
        <source>Clear search and filters</source>
        <translation>Aramayı ve filtreleri temizle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="417"/>
        <source>Loading catalogue…</source>
        <translation>Katalog yükleniyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="424"/>
        <source>Fetched {time}</source>
        <translation>Alındı: {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="438"/>
        <source>1 service · catalogue from cache, fetched {age}</source>
        <translation>1 servis · önbellekteki katalog, {age} alındı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="440"/>
        <source>{count} services · catalogue from cache, fetched {age}</source>
        <translation>{count} servis · önbellekteki katalog, {age} alındı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="442"/>
        <source>1 service · fetched {age}</source>
        <translation>1 servis · {age} alındı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="444"/>
        <source>{count} services · fetched {age}</source>
        <translation>{count} servis · {age} alındı</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="451"/>
        <source>Catalogue refreshed</source>
        <translation>Katalog yenilendi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="453"/>
        <source>Catalogue refreshed: no changes since the last fetch</source>
        <translation>Katalog yenilendi: son yenilemeden bu yana değişiklik yok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="454"/>
        <source>Catalogue refreshed: {new} new, {repriced} re-priced, {gone} no longer listed</source>
        <translation>Katalog yenilendi: {new} yeni, {repriced} fiyatı değişen, {gone} artık listede olmayan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="464"/>
        <source>No service matches the search and filters.</source>
        <translation>Arama ve filtrelerle eşleşen servis yok.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="472"/>
        <source>1 service was skipped: {entries}</source>
        <translation>1 servis atlandı: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="474"/>
        <source>{count} services were skipped: {entries}</source>
        <translation>{count} servis atlandı: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="482"/>
        <source>… and {count} more</source>
        <translation>… ve {count} tane daha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="484"/>
        <source>The panel&apos;s answer had entries SMMDesk could not read. A skipped service that was cached before keeps its cached details here.</source>
        <translation>Panelin yanıtında SMMDesk&apos;in okuyamadığı girdiler vardı. Daha önce önbelleğe alınmış, atlanan bir servis burada önbellekteki bilgileriyle gösterilir.</translation>
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
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="38"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="118"/>
        <source>Follow the system</source>
        <translation>Sistem ayarını kullan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>Light</source>
        <translation>Açık</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="40"/>
        <source>Dark</source>
        <translation>Koyu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="43"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Bir toplu siparişten aynı anda kaç sipariş gönderileceği. Gönderilmekte olan bir grup kendi sayısını korur; sonra başlatılan veya devam ettirilen grup yeni sayıyı kullanır.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="60"/>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="121"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>SMMDesk bir sonraki açılışında geçerli olur.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="125"/>
        <source>Notify me when</source>
        <translation>Şu durumlarda bildir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="136"/>
        <source>Price board</source>
        <translation>Fiyat panosu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="149"/>
        <source>One currency a line, as CODE=value: what one unit is worth in the currency prices are compared in, for example EUR=1.08. Never looked up online.</source>
        <translation>Her satırda bir para birimi, KOD=değer biçiminde: bir birimin, fiyatların karşılaştırıldığı para birimindeki değeri, örneğin EUR=1.08. Asla çevrimiçi sorgulanmaz.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="65"/>
        <source>Talking to the panel…</source>
        <translation>Panelle iletişim kuruluyor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="94"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Siparişler yenileniyor: {done}/{total}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="112"/>
        <source>Updated {time}</source>
        <translation>Güncellendi: {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="119"/>
        <source>Balance: …</source>
        <translation>Bakiye: …</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="124"/>
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
    <name>TrackOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="53"/>
        <source>CSV or text files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV veya metin dosyaları (*.csv *.tsv *.txt);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="56"/>
        <source>Paste the IDs of orders placed on this panel outside SMMDesk — separated by new lines, commas, spaces or tabs — or open a CSV file and pick its ID column. The panel is asked about each; only the IDs it confirms are added, with their status.</source>
        <translation>Bu panelde SMMDesk dışında verilen siparişlerin ID&apos;lerini yapıştırın (satır sonu, virgül, boşluk veya sekmeyle ayrılmış) ya da bir CSV dosyası açıp ID sütununu seçin. Her biri panele sorulur; yalnızca panelin onayladığı ID&apos;ler durumlarıyla birlikte eklenir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="72"/>
        <source>Nothing was pasted: {count} characters is more than a list of order IDs. Paste the ID column only, or open the file.</source>
        <translation>Hiçbir şey yapıştırılmadı: {count} karakter, bir sipariş ID listesi için çok fazla. Yalnızca ID sütununu yapıştırın veya dosyayı açın.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="87"/>
        <source>Track existing order IDs</source>
        <translation>Mevcut sipariş ID&apos;lerini takip et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="113"/>
        <source>Open CSV file…</source>
        <translation>CSV dosyası aç…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="118"/>
        <source>The column of the file that holds the order IDs</source>
        <translation>Dosyada sipariş ID&apos;lerini içeren sütun</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="138"/>
        <source>Track</source>
        <translation>Takip et</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="143"/>
        <source>Copy summary</source>
        <translation>Özeti kopyala</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="199"/>
        <source>1 ID</source>
        <translation>1 ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="200"/>
        <source>{count} IDs</source>
        <translation>{count} ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="204"/>
        <source>{count} repeated</source>
        <translation>{count} tekrarlanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} tanesi zaten takipte</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="220"/>
        <source>Open a file of order IDs</source>
        <translation>Sipariş ID&apos;leri içeren bir dosya aç</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="260"/>
        <source>{file} · column “{column}”</source>
        <translation>{file} · “{column}” sütunu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="273"/>
        <source>Asking the panel</source>
        <translation>Panele soruluyor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="304"/>
        <source>Nothing more was tracked: {problem}</source>
        <translation>Başka sipariş takibe alınmadı: {problem}</translation>
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
