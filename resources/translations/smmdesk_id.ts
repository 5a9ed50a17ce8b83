<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="32"/>
        <source>About SMMDesk</source>
        <translation>Tentang SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="43"/>
        <source>A desktop for resellers of SMM panel services (API v2).</source>
        <translation>Aplikasi desktop untuk reseller layanan panel SMM (API v2).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="49"/>
        <source>Data folder: {path}</source>
        <translation>Folder data: {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="50"/>
        <source>Log folder: {path}</source>
        <translation>Folder log: {path}</translation>
    </message>
</context>
<context>
    <name>AnnotateOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="53"/>
        <source>For the 1 selected order: tick what to change; the rest stays as it is.</source>
        <translation>Untuk 1 pesanan yang dipilih: centang yang ingin diubah; sisanya tetap seperti semula.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="57"/>
        <source>For the {count} selected orders: tick what to change; the rest stays as each order has it.</source>
        <translation>Untuk {count} pesanan yang dipilih: centang yang ingin diubah; sisanya tetap seperti di masing-masing pesanan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="64"/>
        <source>Kept in SMMDesk for you, never sent to the panel.</source>
        <translation>Disimpan di SMMDesk untuk Anda, tidak pernah dikirim ke panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="67"/>
        <source>Note, customer and sell price</source>
        <translation>Catatan, pelanggan, dan harga jual</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="88"/>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="89"/>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="90"/>
        <source>Sell price</source>
        <translation>Harga jual</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="147"/>
        <source>Tick to give every selected order this value (empty clears it)</source>
        <translation>Centang untuk memberi nilai ini ke semua pesanan yang dipilih (kosong berarti menghapusnya)</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="74"/>
        <source>Run a command</source>
        <translation>Jalankan perintah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="80"/>
        <source>Type a command: refresh, new order, settings…</source>
        <translation>Ketik perintah: segarkan, pesanan baru, pengaturan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="82"/>
        <source>Command</source>
        <translation>Perintah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="87"/>
        <source>Matching commands</source>
        <translation>Perintah yang cocok</translation>
    </message>
</context>
<context>
    <name>ConfirmOrder</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="74"/>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="89"/>
        <source>Place another order for this link?</source>
        <translation>Buat pesanan lagi untuk link ini?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="91"/>
        <source>Place this order?</source>
        <translation>Buat pesanan ini?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="98"/>
        <source>Active on this link</source>
        <translation>Aktif di link ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="103"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="107"/>
        <source>Charge</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="108"/>
        <source>Balance after</source>
        <translation>Saldo setelahnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="131"/>
        <source>&amp;I have checked: place another order for this link</source>
        <translation>&amp;Saya sudah memeriksa: buat pesanan lagi untuk link ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="136"/>
        <source>&amp;Place another order</source>
        <translation>&amp;Buat pesanan lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="149"/>
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="152"/>
        <source>Total quantity</source>
        <translation>Jumlah total</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="160"/>
        <source>1 line:</source>
        <translation>1 baris:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="162"/>
        <source>{count} lines:</source>
        <translation>{count} baris:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="170"/>
        <source>… and 1 more line</source>
        <translation>… dan 1 baris lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="171"/>
        <source>… and {count} more lines</source>
        <translation>… dan {count} baris lagi</translation>
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
        <translation>Key hanya disimpan untuk sesi ini, dan belum ada yang dimasukkan untuk panel ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="67"/>
        <source>No API key is stored for “{panel}”. Open Panels… and enter the key.</source>
        <translation>Belum ada API key yang tersimpan untuk “{panel}”. Buka Panel… lalu masukkan key-nya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="71"/>
        <source>SMMDesk cannot read the API key of “{panel}”. {problem}</source>
        <translation>SMMDesk tidak dapat membaca API key “{panel}”. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="79"/>
        <source>Panel {id} no longer exists.</source>
        <translation>Panel {id} sudah tidak ada.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="258"/>
        <source>The proxy of “{panel}” cannot be used. {problem} Correct it in Panels…</source>
        <translation>Proxy “{panel}” tidak dapat digunakan. {problem} Perbaiki di Panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/errors.py" line="18"/>
        <source>SMMDesk hit a bug while {doing} ({error}). Nothing was lost; the details are in the log file.</source>
        <translation>SMMDesk mengalami bug saat {doing} ({error}). Tidak ada yang hilang; detailnya ada di file log.</translation>
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
        <translation>Periksa key di Panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="61"/>
        <source>The panel refused</source>
        <translation>Panel menolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="63"/>
        <source>No answer from the panel</source>
        <translation>Tidak ada respons dari panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="65"/>
        <source>Cannot reach the panel</source>
        <translation>Tidak dapat menghubungi panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="67"/>
        <source>Connection problem</source>
        <translation>Masalah koneksi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="69"/>
        <source>Unexpected answer from the panel</source>
        <translation>Respons tak terduga dari panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="72"/>
        <source>Invalid panel URL</source>
        <translation>URL panel tidak valid</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="74"/>
        <source>The system keyring is not available</source>
        <translation>Keyring sistem tidak tersedia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="79"/>
        <source>Not saved</source>
        <translation>Tidak tersimpan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="81"/>
        <source>Cannot do that now</source>
        <translation>Tidak dapat melakukannya sekarang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="83"/>
        <location filename="../../smmdesk/ui/common/errors.py" line="85"/>
        <source>Internal error</source>
        <translation>Kesalahan internal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="84"/>
        <source>SMMDesk hit a bug ({name}).</source>
        <translation>SMMDesk mengalami bug ({name}).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="98"/>
        <source>Check your connection or the panel&apos;s proxy setting, then try again.</source>
        <translation>Periksa koneksi Anda atau pengaturan proxy panel, lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="103"/>
        <source>Please report it with the log file (Help ▸ Open log folder).</source>
        <translation>Mohon laporkan beserta file log-nya (Bantuan ▸ Open log folder).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="106"/>
        <source>The panel may be down, behind a browser check, or the URL may not be its API endpoint.</source>
        <translation>Panel mungkin sedang down, berada di balik pemeriksaan browser, atau URL tersebut bukan endpoint API-nya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="111"/>
        <source>Storage problem</source>
        <translation>Masalah penyimpanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="113"/>
        <source>The disk is full</source>
        <translation>Disk penuh</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="114"/>
        <source>Cannot write to the data folder</source>
        <translation>Tidak dapat menulis ke folder data</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="115"/>
        <source>The database is damaged</source>
        <translation>Database rusak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="116"/>
        <source>The database is in use</source>
        <translation>Database sedang digunakan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="117"/>
        <source>Cannot open the database</source>
        <translation>Tidak dapat membuka database</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="118"/>
        <source>Disk error</source>
        <translation>Kesalahan disk</translation>
    </message>
</context>
<context>
    <name>ExtraFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="49"/>
        <source>Field name</source>
        <translation>Nama field</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="50"/>
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="136"/>
        <source>Already a form field: {names}</source>
        <translation>Sudah ada di formulir: {names}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="140"/>
        <source>Each extra field name may appear once</source>
        <translation>Setiap nama field ekstra hanya boleh muncul sekali</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="152"/>
        <source>E&amp;xtra fields</source>
        <translation>Field &amp;ekstra</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="160"/>
        <source>Extra fields</source>
        <translation>Field ekstra</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="167"/>
        <source>Fields the panel takes &amp;beyond the form, sent as typed:</source>
        <translation>Field yang diterima panel di &amp;luar formulir, dikirim persis seperti yang diketik:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="173"/>
        <source>Add field</source>
        <translation>Tambah field</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="176"/>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
</context>
<context>
    <name>Favourites</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="47"/>
        <source>Add to favourites ({shortcut})</source>
        <translation>Tambahkan ke favorit ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="48"/>
        <source>Remove from favourites ({shortcut})</source>
        <translation>Hapus dari favorit ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="53"/>
        <source>Not a favourite</source>
        <translation>Bukan favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="54"/>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="56"/>
        <source>No longer listed · {name}</source>
        <translation>Tidak tercantum lagi · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="108"/>
        <source>The panel no longer lists this service (starred {time}). Remove its star to take it off your favourites.</source>
        <translation>Panel tidak lagi mencantumkan layanan ini (diberi bintang {time}). Hapus bintangnya untuk mengeluarkannya dari favorit Anda.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="118"/>
        <source>Remove from favourites</source>
        <translation>Hapus dari favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="119"/>
        <source>Add to favourites</source>
        <translation>Tambahkan ke favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="125"/>
        <source>{star} Remove from favourites</source>
        <translation>{star} Hapus dari favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="126"/>
        <source>{star} Add to favourites</source>
        <translation>{star} Tambahkan ke favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="131"/>
        <source>No favourites yet. Star a service in the {star} column, or select it and press {shortcut}.</source>
        <translation>Belum ada favorit. Beri bintang pada layanan di kolom {star}, atau pilih layanannya lalu tekan {shortcut}.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="24"/>
        <source>per 1000</source>
        <translation>per 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="25"/>
        <source>per package</source>
        <translation>per paket</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="96"/>
        <location filename="../../smmdesk/ui/catalogue/services_view.py" line="128"/>
        <location filename="../../smmdesk/ui/common/format.py" line="56"/>
        <source>{rate} per package</source>
        <translation>{rate} per paket</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="57"/>
        <source>{rate} per 1000</source>
        <translation>{rate} per 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>just now</source>
        <translation>baru saja</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="102"/>
        <source>{count} min ago</source>
        <translation>{count} menit lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="104"/>
        <source>{count} h ago</source>
        <translation>{count} jam lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>1 day ago</source>
        <translation>1 hari lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="108"/>
        <source>{count} days ago</source>
        <translation>{count} hari lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="114"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Terakhir disegarkan {time} · {checked} diperiksa, {changed} berubah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="116"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Terakhir disegarkan {time} · {checked} diperiksa, {changed} berubah, 1 kesalahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="120"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Terakhir disegarkan {time} · {checked} diperiksa, {changed} berubah, {errors} kesalahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="143"/>
        <source>Refill</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="145"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="151"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (tipe tidak dikenal)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="153"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Harga {rate} · Min {min}, max {max}</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="32"/>
        <source>&amp;Reports</source>
        <translation>Lap&amp;oran</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="33"/>
        <source>&amp;Scorecard</source>
        <translation>Kartu &amp;skor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="34"/>
        <source>Re&amp;fill windows</source>
        <translation>Masa r&amp;efill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="35"/>
        <source>Price &amp;watch</source>
        <translation>Pantauan har&amp;ga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>1 order</source>
        <translation>1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>{count} orders</source>
        <translation>{count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>1 day</source>
        <translation>1 hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>{count} days</source>
        <translation>{count} hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="43"/>
        <source>under a minute</source>
        <translation>kurang dari 1 menit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="45"/>
        <source>{count} min</source>
        <translation>{count} menit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="49"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} jam {minutes} menit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="52"/>
        <source>{count} h</source>
        <translation>{count} jam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="57"/>
        <source>1 day {hours} h</source>
        <translation>1 hari {hours} jam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="58"/>
        <source>{count} days {hours} h</source>
        <translation>{count} hari {hours} jam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="67"/>
        <source>no timed order yet</source>
        <translation>belum ada pesanan yang tercatat waktunya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="68"/>
        <source>median {duration} ({orders})</source>
        <translation>median {duration} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="78"/>
        <source>median {duration}, {p90} ({orders})</source>
        <translation>median {duration}, {p90} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="93"/>
        <source>slowest {duration}</source>
        <translation>paling lambat {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="96"/>
        <source>90% within {duration}</source>
        <translation>90% dalam {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="103"/>
        <source>{percent}% ({count} of {total})</source>
        <translation>{percent}% ({count} dari {total})</translation>
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
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="56"/>
        <source>{doing}…</source>
        <translation>{doing}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="71"/>
        <source>{doing}: {done} of {total}</source>
        <translation>{doing}: {done} dari {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="83"/>
        <source>{doing}: stopping…</source>
        <translation>{doing}: menghentikan…</translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="31"/>
        <source>SMMDesk needs the API key of “{panel}”, but cannot read it from the system keyring.
{problem}

Enter the key to use “{panel}” until SMMDesk closes. It is kept in memory only: you will be asked again after a restart.</source>
        <translation>SMMDesk memerlukan API key “{panel}”, tetapi tidak dapat membacanya dari keyring sistem.
{problem}

Masukkan key untuk menggunakan “{panel}” sampai SMMDesk ditutup. Key hanya disimpan di memori: Anda akan diminta lagi setelah aplikasi dimulai ulang.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="38"/>
        <source>API key needed</source>
        <translation>API key diperlukan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="46"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>API key Anda dari halaman API panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="48"/>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="52"/>
        <source>Use for this session</source>
        <translation>Gunakan untuk sesi ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="57"/>
        <source>Not now</source>
        <translation>Nanti saja</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="72"/>
        <source>O&amp;verview</source>
        <translation>&amp;Ringkasan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="73"/>
        <source>&amp;Services</source>
        <translation>&amp;Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="74"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="302"/>
        <source>&amp;New order</source>
        <translation>Pesanan &amp;baru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="75"/>
        <source>&amp;Mass order</source>
        <translation>Pesanan &amp;massal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="76"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="357"/>
        <source>&amp;Orders</source>
        <translation>&amp;Pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="77"/>
        <source>&amp;Refills</source>
        <translation>Re&amp;fill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="78"/>
        <source>&amp;Prices</source>
        <translation>&amp;Harga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="79"/>
        <source>&amp;Insight</source>
        <translation>&amp;Insight</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="117"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="278"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="282"/>
        <source>&amp;Settings…</source>
        <translation>Pen&amp;gaturan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="287"/>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="291"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="295"/>
        <source>&amp;Find</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="299"/>
        <source>&amp;Command palette…</source>
        <translation>Palet p&amp;erintah…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="323"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;Tentang SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="326"/>
        <source>Open &amp;log folder</source>
        <translation>Buka folder &amp;log</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="331"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="335"/>
        <source>Manage panels…</source>
        <translation>Kelola panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="347"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="359"/>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
</context>
<context>
    <name>MarkupsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="59"/>
        <source>For</source>
        <translation>Untuk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="60"/>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="61"/>
        <source>Markup</source>
        <translation>Markup</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="82"/>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="205"/>
        <source>Customer</source>
        <translation>Pelanggan</translation>
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
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="101"/>
        <source>Service {id}</source>
        <translation>Layanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="159"/>
        <source>Markups</source>
        <translation>Markup</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="161"/>
        <source>A new order&apos;s sell price is its charge plus its customer&apos;s markup, else its service&apos;s. Orders placed before keep their price.</source>
        <translation>Harga jual pesanan baru adalah biayanya ditambah markup pelanggannya, atau jika tidak ada, markup layanannya. Pesanan yang dibuat sebelumnya tetap memakai harganya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="213"/>
        <source>Service {id} · {name}</source>
        <translation>Layanan {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="228"/>
        <source>Remove selected</source>
        <translation>Hapus yang dipilih</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="237"/>
        <source>e.g. 30%</source>
        <translation>mis. 30%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="246"/>
        <source>Set</source>
        <translation>Atur</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="259"/>
        <source>Name the customer first.</source>
        <translation>Isi nama pelanggan terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="274"/>
        <source>Select the markup to remove.</source>
        <translation>Pilih markup yang akan dihapus.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="305"/>
        <source>Type the markup, such as 30%.</source>
        <translation>Ketik markup-nya, misalnya 30%.</translation>
    </message>
</context>
<context>
    <name>MassCheck</name>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="18"/>
        <source>No service ID on this line</source>
        <translation>Tidak ada ID layanan di baris ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="20"/>
        <source>{panel}&apos;s services are not loaded: check the batch again</source>
        <translation>Layanan {panel} belum dimuat: periksa batch ini lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="23"/>
        <source>The batch&apos;s panel no longer exists: choose another one</source>
        <translation>Panel batch ini sudah tidak ada: pilih panel lain</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="26"/>
        <source>No panel is called &apos;{name}&apos; (your panels: {names})</source>
        <translation>Tidak ada panel bernama &apos;{name}&apos; (panel Anda: {names})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="29"/>
        <source>No panel is called &apos;{name}&apos; (your panels: none yet)</source>
        <translation>Tidak ada panel bernama &apos;{name}&apos; (panel Anda: belum ada)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="32"/>
        <source>{panel}&apos;s services have not been fetched yet: open Services first</source>
        <translation>Layanan {panel} belum diambil: buka Layanan terlebih dahulu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="36"/>
        <source>{panel} has no service {service}</source>
        <translation>{panel} tidak punya layanan {service}</translation>
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
        <translation>Baris {number} memakai link yang sama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="44"/>
        <source>Line {number} has the same account</source>
        <translation>Baris {number} memakai akun yang sama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="46"/>
        <source>An active order {order} on {panel} has this link{more}</source>
        <translation>Pesanan aktif {order} di {panel} memakai link ini{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="49"/>
        <source>An active order {order} on {panel} has this account{more}</source>
        <translation>Pesanan aktif {order} di {panel} memakai akun ini{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="52"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this link{more}: check that panel&apos;s order list first</source>
        <translation>Pesanan yang belum dikonfirmasi ({order}) di {panel} mungkin sudah berjalan untuk link ini{more}: periksa dulu daftar pesanan di panel itu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="59"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this account{more}: check that panel&apos;s order list first</source>
        <translation>Pesanan yang belum dikonfirmasi ({order}) di {panel} mungkin sudah berjalan untuk akun ini{more}: periksa dulu daftar pesanan di panel itu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="65"/>
        <source>order {id}</source>
        <translation>pesanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="66"/>
        <source> (and {count} more)</source>
        <translation> (dan {count} lainnya)</translation>
    </message>
</context>
<context>
    <name>MassLines</name>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="27"/>
        <source>The file is {size}; a batch file is at most {limit}. Split it into smaller files.</source>
        <translation>Ukuran file {size}; file batch maksimal {limit}. Pecah menjadi file yang lebih kecil.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="31"/>
        <source>The text has {count} characters; a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Teks berisi {count} karakter; satu batch maksimal {limit}. Pecah menjadi batch yang lebih kecil.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="36"/>
        <source>The text has {count} lines; a batch is at most {limit} lines. Split it into smaller batches.</source>
        <translation>Teks berisi {count} baris; satu batch maksimal {limit} baris. Pecah menjadi batch yang lebih kecil.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="41"/>
        <source>This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or UTF-16) and open it again.</source>
        <translation>File ini bukan teks yang dapat dibaca SMMDesk: simpan sebagai CSV atau teks biasa (UTF-8 atau UTF-16) lalu buka lagi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="46"/>
        <source>Write each order as service ID|link|quantity</source>
        <translation>Tulis setiap pesanan sebagai ID layanan|link|jumlah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="47"/>
        <source>The header has no service column: name it service</source>
        <translation>Header tidak punya kolom layanan: beri nama service</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="48"/>
        <source>Column(s) {columns} are not order fields and are left out (known: {known})</source>
        <translation>Kolom {columns} bukan field pesanan dan diabaikan (yang dikenal: {known})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="51"/>
        <source>Column(s) {columns} appear twice: the first one is read</source>
        <translation>Kolom {columns} muncul dua kali: yang pertama yang dibaca</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="52"/>
        <source>{first}. {then}</source>
        <translation>{first}. {then}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="53"/>
        <source>{names} and {count} more</source>
        <translation>{names} dan {count} lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="54"/>
        <source>A quote (&quot;) opened on this line is never closed, so every line after it was read as part of one cell: close the quote, or remove it</source>
        <translation>Tanda kutip (&quot;) yang dibuka di baris ini tidak pernah ditutup, sehingga semua baris sesudahnya dibaca sebagai satu sel: tutup tanda kutipnya, atau hapus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="59"/>
        <source>This line has {count} cells; the header names {columns}</source>
        <translation>Baris ini berisi {count} sel; header menyebut {columns}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="60"/>
        <source>This line cannot be read: {error}</source>
        <translation>Baris ini tidak dapat dibaca: {error}</translation>
    </message>
</context>
<context>
    <name>MassOrder</name>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="30"/>
        <source>✓ Ready</source>
        <translation>✓ Siap</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="31"/>
        <source>⚠ Held</source>
        <translation>⚠ Ditahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="32"/>
        <source>✕ Invalid</source>
        <translation>✕ Tidak valid</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="33"/>
        <source>– Skipped</source>
        <translation>– Dilewati</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="35"/>
        <source>✓ Send anyway</source>
        <translation>✓ Tetap kirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="36"/>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="43"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="52"/>
        <source>Not sent yet</source>
        <translation>Belum dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="53"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="29"/>
        <source>Line</source>
        <translation>Baris</translation>
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
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="56"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="32"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="57"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="33"/>
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="58"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="35"/>
        <source>Charge</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="59"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="37"/>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="60"/>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>1 line</source>
        <translation>1 baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>{count} lines</source>
        <translation>{count} baris</translation>
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
        <translation>Pesanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="143"/>
        <source>Placed: {words}</source>
        <translation>Dibuat: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="145"/>
        <source>no reason given</source>
        <translation>tanpa alasan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="146"/>
        <source>✕ Rejected: {words}</source>
        <translation>✕ Ditolak: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="148"/>
        <source>no answer</source>
        <translation>tidak ada jawaban</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="149"/>
        <source>⚠ Unconfirmed: {words} — see Orders ▸ Unconfirmed</source>
        <translation>⚠ Belum dikonfirmasi: {words} — lihat Pesanan ▸ Belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="153"/>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="154"/>
        <source>Dismissed</source>
        <translation>Diabaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="169"/>
        <source>Not sent ({verdict})</source>
        <translation>Tidak dikirim ({verdict})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="48"/>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="42"/>
        <source>To send</source>
        <translation>Akan dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="43"/>
        <source>Held</source>
        <translation>Ditahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="44"/>
        <source>Invalid</source>
        <translation>Tidak valid</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="45"/>
        <source>Skipped</source>
        <translation>Dilewati</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="49"/>
        <source>Placed</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="50"/>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="51"/>
        <source>Unconfirmed</source>
        <translation>Belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="53"/>
        <source>Left out</source>
        <translation>Dikecualikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="77"/>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="316"/>
        <source>Place orders…</source>
        <translation>Buat pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="80"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="206"/>
        <source>Copy results</source>
        <translation>Salin hasil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="83"/>
        <source>Every line shown, or the selected ones, as a table (tab-separated)</source>
        <translation>Semua baris yang tampil, atau yang dipilih, sebagai tabel (dipisah tab)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="106"/>
        <source>{kind} ({count})</source>
        <translation>{kind} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="169"/>
        <source>Edit line…</source>
        <translation>Edit baris…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="170"/>
        <source>Change the line&apos;s fields and check it again</source>
        <translation>Ubah field baris ini lalu periksa lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="175"/>
        <source>Skip</source>
        <translation>Lewati</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="176"/>
        <source>Leave the selected lines out of the batch</source>
        <translation>Keluarkan baris yang dipilih dari batch</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="180"/>
        <source>Include</source>
        <translation>Sertakan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="181"/>
        <source>Put skipped lines back into the batch</source>
        <translation>Masukkan lagi baris yang dilewati ke batch</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="185"/>
        <source>Send anyway</source>
        <translation>Tetap kirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="186"/>
        <source>Send held lines although they repeat a link</source>
        <translation>Kirim baris yang ditahan meskipun link-nya berulang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="190"/>
        <source>Hold again</source>
        <translation>Tahan lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="191"/>
        <source>Do not send the released lines</source>
        <translation>Jangan kirim baris yang sudah dilepas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="195"/>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="196"/>
        <source>Remove the selected lines</source>
        <translation>Hapus baris yang dipilih</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="201"/>
        <source>Edit and send again…</source>
        <translation>Edit dan kirim lagi…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="202"/>
        <source>Correct a rejected line and send it once more</source>
        <translation>Perbaiki baris yang ditolak lalu kirim sekali lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="34"/>
        <source>Other fields</source>
        <translation>Field lain</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="36"/>
        <source>Check</source>
        <translation>Cek</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Already sent</source>
        <translation>Sudah dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Not sent</source>
        <translation>Tidak dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="69"/>
        <source>Sent at once</source>
        <translation>Dikirim sekaligus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="70"/>
        <source>{count} (Settings)</source>
        <translation>{count} (Pengaturan)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="76"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="93"/>
        <source>The balance does not cover it: send anyway (the panel refuses what it cannot charge)</source>
        <translation>Saldo tidak cukup: tetap kirim (panel menolak yang tidak dapat ditagihkan)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="120"/>
        <source>Send line {number} again</source>
        <translation>Kirim lagi baris {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="122"/>
        <source>Edit line {number}</source>
        <translation>Edit baris {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="124"/>
        <source>Line {number} as written: {source}</source>
        <translation>Baris {number} sesuai yang ditulis: {source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="133"/>
        <source>Service ID</source>
        <translation>ID layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="143"/>
        <source>Send again</source>
        <translation>Kirim lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="145"/>
        <source>Check again</source>
        <translation>Periksa lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="196"/>
        <source>This service is no longer in the panel&apos;s catalogue.</source>
        <translation>Layanan ini sudah tidak ada di katalog panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="203"/>
        <source>Charge: {charge}</source>
        <translation>Biaya: {charge}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="218"/>
        <source>Send the 1 line never sent?</source>
        <translation>Kirim 1 baris yang belum pernah dikirim?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="219"/>
        <source>Send the {count} lines never sent?</source>
        <translation>Kirim {count} baris yang belum pernah dikirim?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="223"/>
        <source>Send 1 line</source>
        <translation>Kirim 1 baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="224"/>
        <source>Send {count} lines</source>
        <translation>Kirim {count} baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="230"/>
        <source>Place 1 order?</source>
        <translation>Buat 1 pesanan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="231"/>
        <source>Place {count} orders?</source>
        <translation>Buat {count} pesanan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="235"/>
        <source>Place 1 order</source>
        <translation>Buat 1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="236"/>
        <source>Place {count} orders</source>
        <translation>Buat {count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="57"/>
        <source>Nothing was pasted: the text has {count} characters, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Tidak ada yang ditempel: teks berisi {count} karakter, sedangkan satu batch maksimal {limit}. Pecah menjadi batch yang lebih kecil.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="64"/>
        <source>Nothing was pasted: the text has {count} lines, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Tidak ada yang ditempel: teks berisi {count} baris, sedangkan satu batch maksimal {limit}. Pecah menjadi batch yang lebih kecil.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="84"/>
        <source>Paste orders here, one a line, for example:
    1234|https://instagram.com/p/Cx1yZ|1000
or a CSV/TSV whose first line names the columns:
    service,link,quantity,runs,interval,comments,username
Then Check lines (Ctrl+Return): nothing is sent before you confirm.</source>
        <translation>Tempel pesanan di sini, satu per baris, misalnya:
    1234|https://instagram.com/p/Cx1yZ|1000
atau CSV/TSV yang baris pertamanya berisi nama kolom:
    service,link,quantity,runs,interval,comments,username
Lalu Periksa baris (Ctrl+Return): tidak ada yang dikirim sebelum Anda konfirmasi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="101"/>
        <source>The panel every line goes to, unless its panel column names another</source>
        <translation>Panel tujuan semua baris, kecuali kolom panel baris itu menyebut panel lain</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="107"/>
        <source>Open file…</source>
        <translation>Buka file…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="108"/>
        <source>Read a CSV, TSV or text file</source>
        <translation>Baca file CSV, TSV, atau teks</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="112"/>
        <source>Check lines</source>
        <translation>Periksa baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="113"/>
        <source>Read and check every line (Ctrl+Return)</source>
        <translation>Baca dan periksa setiap baris (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="118"/>
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="119"/>
        <source>Start a new batch</source>
        <translation>Mulai batch baru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="138"/>
        <source>Formats: service ID|link|quantity (; , or a tab also separate), or CSV/TSV with a header naming order fields: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… A list field takes one entry per line of a quoted cell, or | between entries; a panel column sends a line to another panel; # starts a comment.</source>
        <translation>Format: ID layanan|link|jumlah (; , atau tab juga bisa jadi pemisah), atau CSV/TSV dengan header berisi nama field pesanan: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… Field daftar berisi satu entri per baris dalam sel berkutip, atau | di antara entri; kolom panel mengirim baris ke panel lain; # memulai komentar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="155"/>
        <source>&amp;Panel:</source>
        <translation>&amp;Panel:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="203"/>
        <source>Open a mass order</source>
        <translation>Buka pesanan massal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="206"/>
        <source>Orders (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Pesanan (*.csv *.tsv *.txt);;Semua file (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="95"/>
        <source>Sending line {number} again…</source>
        <translation>Mengirim lagi baris {number}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="136"/>
        <source>1 line removed</source>
        <translation>1 baris dihapus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="137"/>
        <source>{count} lines removed</source>
        <translation>{count} baris dihapus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="154"/>
        <source>Line {number}: {outcome}</source>
        <translation>Baris {number}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="180"/>
        <source>1 line copied as a table</source>
        <translation>1 baris disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="181"/>
        <source>{count} lines copied as a table</source>
        <translation>{count} baris disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="111"/>
        <source>Paste lines (or open a file) first.</source>
        <translation>Tempel baris (atau buka file) terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="115"/>
        <location filename="../../smmdesk/ui/mass/session.py" line="110"/>
        <source>Pasted lines</source>
        <translation>Baris yang ditempel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="154"/>
        <source>{panel}: {share}</source>
        <translation>{panel}: {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="194"/>
        <source>{lines} (not sent again)</source>
        <translation>{lines} (tidak dikirim lagi)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="195"/>
        <source>no line</source>
        <translation>tidak ada baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="206"/>
        <source>Stopping: lines being sent finish, no other line is sent.</source>
        <translation>Menghentikan: baris yang sedang dikirim diselesaikan, tidak ada baris lain yang dikirim.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="224"/>
        <source>Checking the lines…</source>
        <translation>Memeriksa baris…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="271"/>
        <source>Show the next one</source>
        <translation>Tampilkan berikutnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="312"/>
        <source>Place 1 order…</source>
        <translation>Buat 1 pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="313"/>
        <source>Place {count} orders…</source>
        <translation>Buat {count} pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/preview_model.py" line="343"/>
        <source>Line {number} as written:
{source}</source>
        <translation>Baris {number} sesuai yang ditulis:
{source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="39"/>
        <source>%v of %m</source>
        <translation>%v dari %m</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="47"/>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="48"/>
        <source>Send no further line for now</source>
        <translation>Hentikan pengiriman baris untuk sementara</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="52"/>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="90"/>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="53"/>
        <source>Send the lines not sent yet</source>
        <translation>Kirim baris yang belum dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="57"/>
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="58"/>
        <source>Send no further line; lines being sent finish</source>
        <translation>Jangan kirim baris lagi; baris yang sedang dikirim diselesaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="92"/>
        <source>Resume ({count} never sent)…</source>
        <translation>Lanjutkan ({count} belum pernah dikirim)…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="106"/>
        <source>Done: {outcomes}</source>
        <translation>Selesai: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="109"/>
        <source>Stopped: {outcomes}</source>
        <translation>Dihentikan: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="112"/>
        <source>Paused: {progress}</source>
        <translation>Dijeda: {progress}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="115"/>
        <source>Writing the batch down before anything is sent…</source>
        <translation>Mencatat batch sebelum ada yang dikirim…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>1 order</source>
        <translation>1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>{count} orders</source>
        <translation>{count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="98"/>
        <source>{orders} · {charge} · balance not known yet</source>
        <translation>{orders} · {charge} · saldo belum diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="104"/>
        <source>{orders} · {charge} · balance {balance}</source>
        <translation>{orders} · {charge} · saldo {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="107"/>
        <source>{orders} · {charge} · balance {balance} — short by {short}</source>
        <translation>{orders} · {charge} · saldo {balance} — kurang {short}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="117"/>
        <source>{count} held</source>
        <translation>{count} ditahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="118"/>
        <source>{count} invalid</source>
        <translation>{count} tidak valid</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="119"/>
        <source>{count} skipped</source>
        <translation>{count} dilewati</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="130"/>
        <source>{count} ready ({released} held sent anyway)</source>
        <translation>{count} siap ({released} yang ditahan tetap dikirim)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="134"/>
        <source>{count} ready</source>
        <translation>{count} siap</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="140"/>
        <source>{lines}: {counts}</source>
        <translation>{lines}: {counts}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="154"/>
        <source>nothing</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="161"/>
        <source>about {count} s left</source>
        <translation>sekitar {count} dtk lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="165"/>
        <source>about {count} min left</source>
        <translation>sekitar {count} mnt lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="168"/>
        <source>about {count} h left</source>
        <translation>sekitar {count} jam lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="175"/>
        <source>{count} placed</source>
        <translation>{count} dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="176"/>
        <source>{count} rejected</source>
        <translation>{count} ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="177"/>
        <source>{count} unconfirmed</source>
        <translation>{count} belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="178"/>
        <source>{count} being sent</source>
        <translation>{count} sedang dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="179"/>
        <source>{count} dismissed</source>
        <translation>{count} diabaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="180"/>
        <source>{count} never sent</source>
        <translation>{count} belum pernah dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="199"/>
        <source>{done} of {total} sent</source>
        <translation>{done} dari {total} terkirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="208"/>
        <source>“{title}” of {time}</source>
        <translation>“{title}” pada {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="217"/>
        <source>The mass order {batch} was not finished: {outcomes}.</source>
        <translation>Pesanan massal {batch} belum selesai: {outcomes}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="222"/>
        <source>Resume sends only the 1 line never sent; no line is sent twice.</source>
        <translation>Lanjutkan hanya mengirim 1 baris yang belum pernah dikirim; tidak ada baris yang dikirim dua kali.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="225"/>
        <source>Resume sends only the {count} lines never sent; no line is sent twice.</source>
        <translation>Lanjutkan hanya mengirim {count} baris yang belum pernah dikirim; tidak ada baris yang dikirim dua kali.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="233"/>
        <source>Check unconfirmed orders on the panel (Orders ▸ Unconfirmed).</source>
        <translation>Periksa pesanan yang belum dikonfirmasi di panel (Pesanan ▸ Belum dikonfirmasi).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="239"/>
        <source>1 other mass order not finished either (Open…).</source>
        <translation>1 pesanan massal lain juga belum selesai (Buka…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="240"/>
        <source>{count} other mass orders not finished either (Open…).</source>
        <translation>{count} pesanan massal lain juga belum selesai (Buka…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="45"/>
        <source>This mass order is no longer in the history.</source>
        <translation>Pesanan massal ini sudah tidak ada di riwayat.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="47"/>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>Tidak dapat membaca “{name}”: {reason}.</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../smmdesk/ui/common/notice_banner.py" line="39"/>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="16"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="22"/>
        <source>completed</source>
        <translation>selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="17"/>
        <source>went partial</source>
        <translation>menjadi partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="18"/>
        <source>canceled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="19"/>
        <source>refunded</source>
        <translation>di-refund</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="23"/>
        <source>rejected or failed</source>
        <translation>ditolak atau gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="38"/>
        <source>A refill</source>
        <translation>1 refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="40"/>
        <source>{count} refills</source>
        <translation>{count} refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="42"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} {verb} di {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="57"/>
        <source>Order {id}</source>
        <translation>Pesanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="59"/>
        <source>{count} orders</source>
        <translation>{count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="69"/>
        <source>{count} panels</source>
        <translation>{count} panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source>Order {ids}</source>
        <translation>Pesanan {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="81"/>
        <source>Orders {ids}</source>
        <translation>Pesanan {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source> and {count} more</source>
        <translation> dan {count} lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="91"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>1 pesanan di {panel} mungkin sudah atau belum dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="93"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>{count} pesanan di {panel} mungkin sudah atau belum dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="94"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Periksa daftar pesanan di panel, lalu selesaikan atau abaikan di tab Belum dikonfirmasi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="101"/>
        <source>Balance on {panel} is low</source>
        <translation>Saldo di {panel} menipis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="102"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>Sisa {balance}; batas peringatan diatur di {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="111"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>Layanan yang Anda pesan berubah di {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>{count} layanan yang Anda pesan berubah di {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="119"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: tidak tercantum lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="123"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="131"/>
        <source>and {count} more</source>
        <translation>dan {count} lainnya</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="108"/>
        <source>Reading 1 selected order…</source>
        <translation>Membaca 1 pesanan yang dipilih…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="109"/>
        <source>Reading {count} selected orders…</source>
        <translation>Membaca {count} pesanan yang dipilih…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="120"/>
        <source>Export orders</source>
        <translation>Ekspor pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="138"/>
        <source>Reading the orders to copy</source>
        <translation>Membaca pesanan yang akan disalin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="149"/>
        <source>Exporting orders</source>
        <translation>Mengekspor pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="150"/>
        <source>Exporting to {path}…</source>
        <translation>Mengekspor ke {path}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="191"/>
        <source>Requesting 1 refill…</source>
        <translation>Meminta 1 refill…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="192"/>
        <source>Requesting {count} refills…</source>
        <translation>Meminta {count} refill…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="194"/>
        <source>Requesting 1 cancel…</source>
        <translation>Meminta 1 pembatalan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="195"/>
        <source>Requesting {count} cancels…</source>
        <translation>Meminta {count} pembatalan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="207"/>
        <source>Refill results</source>
        <translation>Hasil refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="219"/>
        <source>Cancel results</source>
        <translation>Hasil pembatalan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="270"/>
        <source>{count} sent; {failures}</source>
        <translation>{count} terkirim; {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="279"/>
        <source>failed on {panel}: {problem}</source>
        <translation>gagal di {panel}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="281"/>
        <source>failed: {problem}</source>
        <translation>gagal: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="41"/>
        <source>The selected order cannot be refilled:</source>
        <translation>Pesanan yang dipilih tidak dapat di-refill:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="42"/>
        <source>The selected order cannot be canceled:</source>
        <translation>Pesanan yang dipilih tidak dapat dibatalkan:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="47"/>
        <source>None of the {count} selected orders can be refilled:</source>
        <translation>Tidak ada dari {count} pesanan yang dipilih yang dapat di-refill:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="48"/>
        <source>None of the {count} selected orders can be canceled:</source>
        <translation>Tidak ada dari {count} pesanan yang dipilih yang dapat dibatalkan:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="53"/>
        <source>Refill 1 order?</source>
        <translation>Refill 1 pesanan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="54"/>
        <source>Refill {count} orders?</source>
        <translation>Refill {count} pesanan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="59"/>
        <source>Cancel 1 order?</source>
        <translation>Batalkan 1 pesanan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="60"/>
        <source>Cancel {count} orders?</source>
        <translation>Batalkan {count} pesanan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="65"/>
        <source>Refill {some} of the {count} selected orders?</source>
        <translation>Refill {some} dari {count} pesanan yang dipilih?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="66"/>
        <source>Cancel {some} of the {count} selected orders?</source>
        <translation>Batalkan {some} dari {count} pesanan yang dipilih?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="69"/>
        <source>A cancel request cannot be taken back.</source>
        <translation>Permintaan pembatalan tidak dapat ditarik kembali.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="77"/>
        <source>1 order will not be sent:</source>
        <translation>1 pesanan tidak akan dikirim:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="78"/>
        <source>{count} orders will not be sent:</source>
        <translation>{count} pesanan tidak akan dikirim:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="90"/>
        <source>Refill 1 order</source>
        <translation>Refill 1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="91"/>
        <source>Refill {count} orders</source>
        <translation>Refill {count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="93"/>
        <source>Cancel 1 order</source>
        <translation>Batalkan 1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="94"/>
        <source>Cancel {count} orders</source>
        <translation>Batalkan {count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="104"/>
        <source>Refill orders</source>
        <translation>Refill pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="105"/>
        <source>Cancel orders</source>
        <translation>Batalkan pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="123"/>
        <source>Don&apos;t refill</source>
        <translation>Jangan refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="124"/>
        <source>Don&apos;t cancel</source>
        <translation>Jangan batalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="152"/>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="31"/>
        <source>Accepted</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="32"/>
        <source>Refused</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="33"/>
        <source>Not sent</source>
        <translation>Tidak dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="44"/>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="45"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="46"/>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="47"/>
        <source>Details</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="91"/>
        <source>Refill {id}</source>
        <translation>Refill {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="72"/>
        <source>Asking the panel about order {id}…</source>
        <translation>Menanyakan pesanan {id} ke panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="89"/>
        <source>Asking the panel about 1 order ID…</source>
        <translation>Menanyakan 1 ID pesanan ke panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="90"/>
        <source>Asking the panel about {count} order IDs…</source>
        <translation>Menanyakan {count} ID pesanan ke panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="127"/>
        <source>Saving 1 order…</source>
        <translation>Menyimpan 1 pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="128"/>
        <source>Saving {count} orders…</source>
        <translation>Menyimpan {count} pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="138"/>
        <source>1 order updated</source>
        <translation>1 pesanan diperbarui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="139"/>
        <source>{count} orders updated</source>
        <translation>{count} pesanan diperbarui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="144"/>
        <source>1 order without a charge yet kept its price</source>
        <translation>1 pesanan yang belum ada biayanya tetap memakai harganya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="145"/>
        <source>{count} orders without a charge yet kept their price</source>
        <translation>{count} pesanan yang belum ada biayanya tetap memakai harganya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="79"/>
        <source>Copied 1 order ID</source>
        <translation>1 ID pesanan disalin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="80"/>
        <source>Copied {count} order IDs</source>
        <translation>{count} ID pesanan disalin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="83"/>
        <source>1 selected order without an order ID</source>
        <translation>1 pesanan yang dipilih tidak punya ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="84"/>
        <source>{count} selected orders without an order ID</source>
        <translation>{count} pesanan yang dipilih tidak punya ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="89"/>
        <source>Copied 1 link</source>
        <translation>1 link disalin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="90"/>
        <source>Copied {count} links</source>
        <translation>{count} link disalin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="93"/>
        <source>1 selected order without a link</source>
        <translation>1 pesanan yang dipilih tidak punya link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="94"/>
        <source>{count} selected orders without a link</source>
        <translation>{count} pesanan yang dipilih tidak punya link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="105"/>
        <source>1 refill requested</source>
        <translation>1 refill diminta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="106"/>
        <source>{count} refills requested</source>
        <translation>{count} refill diminta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="116"/>
        <source>1 cancel requested</source>
        <translation>1 pembatalan diminta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="117"/>
        <source>{count} cancels requested</source>
        <translation>{count} pembatalan diminta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="123"/>
        <source>no reason given</source>
        <translation>tanpa alasan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="130"/>
        <source>{reason} ({count} times)</source>
        <translation>{reason} ({count} kali)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="136"/>
        <source>{count} refused: {reasons}</source>
        <translation>{count} ditolak: {reasons}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="141"/>
        <source>{count} not sent</source>
        <translation>{count} tidak dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="151"/>
        <source>Order {id} marked as placed</source>
        <translation>Pesanan {id} ditandai sudah dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="156"/>
        <source>1 order dismissed</source>
        <translation>1 pesanan diabaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="157"/>
        <source>{count} orders dismissed</source>
        <translation>{count} pesanan diabaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="170"/>
        <source>({count} already tracked)</source>
        <translation>({count} sudah dilacak)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="176"/>
        <source>cancelled before 1 ID was asked</source>
        <translation>dibatalkan sebelum 1 ID ditanyakan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="177"/>
        <source>cancelled before {count} IDs were asked</source>
        <translation>dibatalkan sebelum {count} ID ditanyakan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="183"/>
        <source>{refusals} and {count} more</source>
        <translation>{refusals} dan {count} lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="186"/>
        <source>not recorded, the panel did not confirm: {refusals}</source>
        <translation>tidak dicatat, panel tidak mengonfirmasi: {refusals}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="195"/>
        <source>1 order added to tracking</source>
        <translation>1 pesanan ditambahkan ke pelacakan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="196"/>
        <source>{count} orders added to tracking</source>
        <translation>{count} pesanan ditambahkan ke pelacakan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} sudah dilacak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="208"/>
        <source>{count} not confirmed by the panel</source>
        <translation>{count} tidak dikonfirmasi oleh panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="209"/>
        <source>{count} not asked (cancelled)</source>
        <translation>{count} tidak ditanyakan (dibatalkan)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="215"/>
        <source>Not recorded — the panel did not confirm them:</source>
        <translation>Tidak dicatat — panel tidak mengonfirmasinya:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="218"/>
        <source>Never asked — tracking was cancelled:</source>
        <translation>Tidak pernah ditanyakan — pelacakan dibatalkan:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="220"/>
        <source>Added to tracking:</source>
        <translation>Ditambahkan ke pelacakan:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="192"/>
        <source>Refill</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="193"/>
        <source>Ask for a refill</source>
        <translation>Minta refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="197"/>
        <source>Cancel order</source>
        <translation>Batalkan pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="198"/>
        <source>Ask to cancel</source>
        <translation>Minta pembatalan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="201"/>
        <source>Copy links</source>
        <translation>Salin link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="204"/>
        <source>Copy order IDs</source>
        <translation>Salin ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="210"/>
        <source>Export…</source>
        <translation>Ekspor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="211"/>
        <source>Save the selected orders as a CSV file (with none selected: every order the tab and the search show)</source>
        <translation>Simpan pesanan yang dipilih sebagai file CSV (jika tidak ada yang dipilih: semua pesanan yang ditampilkan tab dan pencarian)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="219"/>
        <source>Open link</source>
        <translation>Buka link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="220"/>
        <source>In the browser</source>
        <translation>Di browser</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="223"/>
        <source>Order again</source>
        <translation>Pesan lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="227"/>
        <source>Order again in bulk…</source>
        <translation>Pesan lagi secara massal…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="228"/>
        <source>A mass order of the selected orders: their service, link and quantity, each on its own panel, checked before anything is sent</source>
        <translation>Pesanan massal dari pesanan yang dipilih: layanan, link, dan jumlahnya, masing-masing di panelnya sendiri, diperiksa sebelum ada yang dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="236"/>
        <source>Resolve…</source>
        <translation>Selesaikan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="237"/>
        <source>The order is on the panel: enter its ID</source>
        <translation>Pesanan ada di panel: masukkan ID-nya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="241"/>
        <source>Dismiss</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="242"/>
        <source>The order is not on the panel: stop tracking it</source>
        <translation>Pesanan tidak ada di panel: berhenti melacaknya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="246"/>
        <source>Track existing order IDs…</source>
        <translation>Lacak ID pesanan yang sudah ada…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="247"/>
        <source>Track orders placed outside SMMDesk</source>
        <translation>Lacak pesanan yang dibuat di luar SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="251"/>
        <source>Note &amp;&amp; price…</source>
        <translation>Catatan &amp;&amp; harga…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="252"/>
        <source>The note, customer and sell price of the selected orders (kept here, never sent to a panel)</source>
        <translation>Catatan, pelanggan, dan harga jual pesanan yang dipilih (disimpan di sini, tidak pernah dikirim ke panel)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="261"/>
        <source>Markups…</source>
        <translation>Markup…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="262"/>
        <source>Markups per customer and per service</source>
        <translation>Markup per pelanggan dan per layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="32"/>
        <source>not placed on the panel</source>
        <translation>belum dibuat di panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="33"/>
        <source>on another panel</source>
        <translation>di panel lain</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="34"/>
        <source>the service has no refill</source>
        <translation>layanan tidak mendukung refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="35"/>
        <source>the service has no cancel</source>
        <translation>layanan tidak mendukung cancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="36"/>
        <source>canceled, refunded or failed</source>
        <translation>dibatalkan, di-refund, atau gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="37"/>
        <source>already final</source>
        <translation>sudah final</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="38"/>
        <source>a refill is already running</source>
        <translation>refill sedang berjalan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="39"/>
        <source>no order ID</source>
        <translation>tanpa ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="40"/>
        <source>no link</source>
        <translation>tanpa link</translation>
    </message>
</context>
<context>
    <name>OrderDialogs</name>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="43"/>
        <source>Dismiss 1 unconfirmed order? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>Abaikan 1 pesanan yang belum dikonfirmasi? Lakukan ini hanya setelah memeriksa daftar pesanan di panel: pesanan yang diabaikan tidak lagi dilacak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="48"/>
        <source>Dismiss {count} unconfirmed orders? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>Abaikan {count} pesanan yang belum dikonfirmasi? Lakukan ini hanya setelah memeriksa daftar pesanan di panel: pesanan yang diabaikan tidak lagi dilacak.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="54"/>
        <source>Dismiss unconfirmed orders</source>
        <translation>Abaikan pesanan yang belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="60"/>
        <source>Dismiss</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="85"/>
        <source>Correct the order ID</source>
        <translation>Perbaiki ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="87"/>
        <source>Resolve unconfirmed order</source>
        <translation>Selesaikan pesanan yang belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="97"/>
        <source>e.g. 23501</source>
        <translation>mis. 23501</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="98"/>
        <source>Panel&apos;s order ID</source>
        <translation>ID pesanan di panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="106"/>
        <source>Correct the ID</source>
        <translation>Perbaiki ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="108"/>
        <source>Mark as placed</source>
        <translation>Tandai sudah dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="130"/>
        <source>This order</source>
        <translation>Pesanan ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="131"/>
        <source>On the panel</source>
        <translation>Di panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="161"/>
        <source>Asking the panel…</source>
        <translation>Menanyakan ke panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="185"/>
        <source>This order was marked as placed by hand on {time} as order {id}. If that is the wrong order, enter the right ID: the panel is asked first, and the history keeps both.</source>
        <translation>Pesanan ini ditandai sudah dibuat secara manual pada {time} sebagai pesanan {id}. Jika itu pesanan yang salah, masukkan ID yang benar: panel akan ditanya terlebih dahulu, dan riwayat menyimpan keduanya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="191"/>
        <source>Find this order in the panel&apos;s order list (compare the time and link below) and enter the order ID it shows there. If it is not there, cancel and dismiss the order instead.</source>
        <translation>Cari pesanan ini di daftar pesanan panel (bandingkan waktu dan link di bawah) lalu masukkan ID pesanan yang tertera di sana. Jika tidak ada, batalkan dialog ini dan abaikan pesanannya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="200"/>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="202"/>
        <source>Sent {time}</source>
        <translation>Dikirim {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="203"/>
        <source>Service {id} · {name}</source>
        <translation>Layanan {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="206"/>
        <source>Link {link}</source>
        <translation>Link {link}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="207"/>
        <source>Quantity {quantity}</source>
        <translation>Jumlah {quantity}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="213"/>
        <source>Charge ≈ {amount}</source>
        <translation>Biaya ≈ {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="219"/>
        <source>Order {id}</source>
        <translation>Pesanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="220"/>
        <source>Status {status} ({panel_word})</source>
        <translation>Status {status} ({panel_word})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="226"/>
        <source>Charge {amount}</source>
        <translation>Biaya {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="229"/>
        <source>Start count {count}</source>
        <translation>Jumlah awal {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="232"/>
        <source>Remains {count}</source>
        <translation>Sisa {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="237"/>
        <source>Could not ask the panel: {problem}</source>
        <translation>Tidak dapat menanyakan ke panel: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="243"/>
        <source>The panel says: {answer}</source>
        <translation>Kata panel: {answer}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="247"/>
        <source>Order {id} is already in this panel&apos;s history.</source>
        <translation>Pesanan {id} sudah ada di riwayat panel ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="252"/>
        <source>This is the ID the order has now.</source>
        <translation>Ini ID yang dimiliki pesanan saat ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="254"/>
        <source>The panel knows this order: compare it with this one before confirming.</source>
        <translation>Panel mengenal pesanan ini: bandingkan dengan pesanan ini sebelum mengonfirmasi.</translation>
    </message>
</context>
<context>
    <name>OrderEstimate</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="37"/>
        <source>{unit} per post, open-ended (charged as each post appears)</source>
        <translation>{unit} per post, tanpa batas (ditagih setiap kali post muncul)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="44"/>
        <source>{total} (1 post × {unit} per post)</source>
        <translation>{total} (1 post × {unit} per post)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="46"/>
        <source>{total} ({count} posts × {unit} per post)</source>
        <translation>{total} ({count} post × {unit} per post)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="50"/>
        <source>{total} (1 run × {unit})</source>
        <translation>{total} (1 run × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="52"/>
        <source>{total} ({count} runs × {unit})</source>
        <translation>{total} ({count} run × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="65"/>
        <source>1 package</source>
        <translation>1 paket</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="72"/>
        <source>1 run × {each} = {total}</source>
        <translation>1 run × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="74"/>
        <source>{count} runs × {each} = {total}</source>
        <translation>{count} run × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="84"/>
        <source>1 line</source>
        <translation>1 baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="85"/>
        <source>{count} lines</source>
        <translation>{count} baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="91"/>
        <source>up to {count}</source>
        <translation>hingga {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="95"/>
        <source>{span} per post, open-ended</source>
        <translation>{span} per post, tanpa batas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="97"/>
        <source>{span} per post × 1 post</source>
        <translation>{span} per post × 1 post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="99"/>
        <source>{span} per post × {count} posts</source>
        <translation>{span} per post × {count} post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="118"/>
        <source>{balance} — not enough funds for one post</source>
        <translation>{balance} — saldo tidak cukup untuk satu post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="120"/>
        <source>{balance} — charged post by post</source>
        <translation>{balance} — ditagih per post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="129"/>
        <source>{balance} — not enough funds</source>
        <translation>{balance} — saldo tidak cukup</translation>
    </message>
</context>
<context>
    <name>OrderFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="27"/>
        <source>&amp;Link</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="28"/>
        <source>&amp;Quantity</source>
        <translation>&amp;Jumlah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="29"/>
        <source>&amp;Drip-feed runs</source>
        <translation>Run &amp;drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="30"/>
        <source>&amp;Interval (minutes)</source>
        <translation>&amp;Interval (menit)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="31"/>
        <source>&amp;Comments</source>
        <translation>&amp;Komentar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="32"/>
        <source>&amp;Usernames</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="33"/>
        <source>&amp;Username</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="34"/>
        <source>&amp;Keywords</source>
        <translation>Kata &amp;kunci</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="35"/>
        <source>Hashta&amp;gs</source>
        <translation>Hashta&amp;g</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="36"/>
        <source>Hashta&amp;g</source>
        <translation>Hashta&amp;g</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="37"/>
        <source>Media &amp;URL</source>
        <translation>&amp;URL media</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="38"/>
        <source>Comment &amp;author</source>
        <translation>Pen&amp;ulis komentar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="39"/>
        <source>&amp;Answer number</source>
        <translation>Nomor ja&amp;waban</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="40"/>
        <source>&amp;Groups</source>
        <translation>&amp;Grup</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="41"/>
        <source>M&amp;in per post</source>
        <translation>M&amp;in per post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="42"/>
        <source>M&amp;ax per post</source>
        <translation>M&amp;ax per post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="43"/>
        <source>Ne&amp;w posts</source>
        <translation>Post &amp;baru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="44"/>
        <source>O&amp;ld posts</source>
        <translation>Post &amp;lama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="45"/>
        <source>&amp;Delay (minutes)</source>
        <translation>&amp;Jeda (menit)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="46"/>
        <source>&amp;Expiry</source>
        <translation>&amp;Kedaluwarsa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="49"/>
        <source>The page, post or profile URL</source>
        <translation>URL halaman, post, atau profil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="50"/>
        <source>Leave empty for no drip-feed</source>
        <translation>Kosongkan jika tanpa drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="51"/>
        <source>One comment per line</source>
        <translation>Satu komentar per baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="52"/>
        <source>One username per line</source>
        <translation>Satu username per baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="53"/>
        <source>One keyword per line</source>
        <translation>Satu kata kunci per baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="54"/>
        <source>One hashtag per line</source>
        <translation>Satu hashtag per baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="55"/>
        <source>Username of the comment&apos;s author</source>
        <translation>Username penulis komentar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="56"/>
        <source>One group per line</source>
        <translation>Satu grup per baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="57"/>
        <source>Empty = unlimited</source>
        <translation>Kosong = tanpa batas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="58"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="107"/>
        <source>{label} (optional)</source>
        <translation>{label} (opsional)</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="136"/>
        <source>Place order</source>
        <translation>Buat pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="152"/>
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="153"/>
        <source>Estimated charge</source>
        <translation>Perkiraan biaya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="154"/>
        <source>Balance after</source>
        <translation>Saldo setelahnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="161"/>
        <source>&amp;Service</source>
        <translation>&amp;Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="217"/>
        <source>Pick a service to order.</source>
        <translation>Pilih layanan yang ingin dipesan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="281"/>
        <source>Order {id} placed</source>
        <translation>Pesanan {id} dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="497"/>
        <source>Unconfirmed: {error} — the panel may have placed it. Check the panel&apos;s order list for this link before ordering again, then resolve it in Orders.</source>
        <translation>Belum dikonfirmasi: {error} — panel mungkin sudah membuatnya. Periksa daftar pesanan di panel untuk link ini sebelum memesan lagi, lalu selesaikan di tab Pesanan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="507"/>
        <source>The panel refused: no reason given</source>
        <translation>Panel menolak: tanpa alasan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="510"/>
        <source>The panel refused: {error}</source>
        <translation>Panel menolak: {error}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/sending_note.py" line="24"/>
        <source>Waiting for the panel&apos;s answer… ({service}): it gives up at {time}, in {seconds} s; an unclear answer is kept as unconfirmed, never sent again</source>
        <translation>Menunggu respons panel… ({service}): batas tunggu pukul {time}, {seconds} dtk lagi; respons yang tidak jelas disimpan sebagai belum dikonfirmasi, tidak pernah dikirim ulang</translation>
    </message>
</context>
<context>
    <name>OrderNotes</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="46"/>
        <source>e.g. 12.50, or +30% over the charge</source>
        <translation>mis. 12.50, atau +30% di atas biaya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="90"/>
        <source>Who this order is for (optional)</source>
        <translation>Untuk siapa pesanan ini (opsional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="94"/>
        <source>A reminder for you; never sent to the panel</source>
        <translation>Pengingat untuk Anda; tidak pernah dikirim ke panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="100"/>
        <source>&amp;Markups…</source>
        <translation>&amp;Markup…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="103"/>
        <source>Markups per customer and per service, which fill in the sell price</source>
        <translation>Markup per pelanggan dan per layanan, yang mengisi harga jual</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="117"/>
        <source>Custome&amp;r (optional)</source>
        <translation>&amp;Pelanggan (opsional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="120"/>
        <source>&amp;Note (optional)</source>
        <translation>&amp;Catatan (opsional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="121"/>
        <source>Sell &amp;price (optional)</source>
        <translation>&amp;Harga jual (opsional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="177"/>
        <source>Sold for ≈ {price}</source>
        <translation>Dijual ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="236"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Jika dikosongkan, markup pelanggan ({markup}) yang menentukannya: ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="240"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it</source>
        <translation>Jika dikosongkan, markup pelanggan ({markup}) yang menentukannya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="242"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Jika dikosongkan, markup layanan ini ({markup}) yang menentukannya: ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="245"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it</source>
        <translation>Jika dikosongkan, markup layanan ini ({markup}) yang menentukannya</translation>
    </message>
</context>
<context>
    <name>OrderProblems</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="63"/>
        <source>{field} is required</source>
        <translation>{field} wajib diisi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="64"/>
        <source>{field} is too large</source>
        <translation>{field} terlalu besar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="65"/>
        <source>{field} must be a whole number</source>
        <translation>{field} harus bilangan bulat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="66"/>
        <source>{field} must be one of {choices}</source>
        <translation>{field} harus salah satu dari {choices}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="67"/>
        <source>A link is a single line</source>
        <translation>Link harus satu baris</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="68"/>
        <source>A link cannot contain spaces or control characters</source>
        <translation>Link tidak boleh berisi spasi atau karakter kontrol</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="69"/>
        <source>A link is at most {limit} characters (this one has {count})</source>
        <translation>Link paling banyak {limit} karakter (yang ini {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="72"/>
        <source>A link starts with http:// or https://, not {scheme}:</source>
        <translation>Link diawali http:// atau https://, bukan {scheme}:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="73"/>
        <source>This link has no address after http(s)://</source>
        <translation>Link ini tidak punya alamat setelah http(s)://</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="74"/>
        <source>This link&apos;s address is not valid</source>
        <translation>Alamat link ini tidak valid</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="75"/>
        <source>{field} is a single line without control characters</source>
        <translation>{field} harus satu baris tanpa karakter kontrol</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="76"/>
        <source>{field} is at most {limit} characters</source>
        <translation>{field} paling banyak {limit} karakter</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="77"/>
        <source>{field}: at most {limit} lines (you have {count})</source>
        <translation>{field}: paling banyak {limit} baris (Anda mengisi {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="78"/>
        <source>At least {limit} (you have {count})</source>
        <translation>Minimal {limit} (Anda mengisi {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="79"/>
        <source>At most {limit} (you have {count})</source>
        <translation>Maksimal {limit} (Anda mengisi {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="80"/>
        <source>At least 1 post (leave empty for no limit)</source>
        <translation>Minimal 1 post (kosongkan jika tanpa batas)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="81"/>
        <source>At least {limit}</source>
        <translation>Minimal {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="82"/>
        <source>At most {limit}</source>
        <translation>Maksimal {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="83"/>
        <source>Max must not be below min</source>
        <translation>Max tidak boleh di bawah min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="84"/>
        <source>Drip-feed needs at least 2 runs</source>
        <translation>Drip-feed memerlukan minimal 2 run</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="85"/>
        <source>Drip-feed needs an interval of at least 1 minute</source>
        <translation>Drip-feed memerlukan interval minimal 1 menit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="86"/>
        <source>“{text}” is not an amount. Type an amount such as 12.50, or a markup such as +30%.</source>
        <translation>“{text}” bukan jumlah uang. Ketik jumlah seperti 12.50, atau markup seperti +30%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="90"/>
        <source>That amount is too large.</source>
        <translation>Jumlah tersebut terlalu besar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="91"/>
        <source>An amount has at most 7 decimals.</source>
        <translation>Jumlah paling banyak 7 desimal.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="92"/>
        <source>“{text}” is not a markup. Type a percentage, such as 30.</source>
        <translation>“{text}” bukan markup. Ketik persentase, misalnya 30.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="93"/>
        <source>A markup lies between -100% and 100,000%.</source>
        <translation>Markup berada di antara -100% dan 100.000%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="94"/>
        <source>Type the markup before the %, such as +30%.</source>
        <translation>Ketik markup sebelum tanda %, misalnya +30%.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="45"/>
        <source>⚠ Unconfirmed</source>
        <translation>⚠ Belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="46"/>
        <source>✕ Rejected</source>
        <translation>✕ Ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="47"/>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="48"/>
        <source>Dismissed</source>
        <translation>Diabaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="37"/>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="38"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="19"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="39"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="20"/>
        <source>In progress</source>
        <translation>Sedang diproses</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="40"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="21"/>
        <source>Completed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="22"/>
        <source>Partial</source>
        <translation>Partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="42"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="23"/>
        <source>Canceled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="43"/>
        <source>Unconfirmed</source>
        <translation>Belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="44"/>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="24"/>
        <source>Refunded</source>
        <translation>Di-refund</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="25"/>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="26"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="27"/>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="28"/>
        <source>Expired</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="29"/>
        <source>Unknown</source>
        <translation>Tidak diketahui</translation>
    </message>
</context>
<context>
    <name>OrderTwins</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="24"/>
        <source>being sent</source>
        <translation>sedang dikirim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="25"/>
        <source>unconfirmed</source>
        <translation>belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="32"/>
        <source>order {id}</source>
        <translation>pesanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="34"/>
        <source>#{id} (no order ID yet)</source>
        <translation>#{id} (belum ada ID pesanan)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="36"/>
        <source>service {id}</source>
        <translation>layanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="56"/>
        <source>… and {count} more</source>
        <translation>… dan {count} lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="69"/>
        <source>An unconfirmed order for this link may already be on the panel. Check that panel&apos;s order list for this link first: if the order is there, resolve it in Orders with its ID instead of ordering again.</source>
        <translation>Pesanan yang belum dikonfirmasi untuk link ini mungkin sudah ada di panel. Periksa dulu daftar pesanan di panel tersebut untuk link ini: jika pesanannya ada, selesaikan di tab Pesanan dengan ID-nya alih-alih memesan lagi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="76"/>
        <source>This link already has an active order. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Link ini sudah punya pesanan aktif. Panel menolak pesanan kedua untuk link yang sama, atau menjalankan keduanya bersamaan, sampai pesanan pertama selesai.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="81"/>
        <source>This link already has {count} active orders. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Link ini sudah punya {count} pesanan aktif. Panel menolak pesanan kedua untuk link yang sama, atau menjalankan keduanya bersamaan, sampai pesanan pertama selesai.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="91"/>
        <source>placed, not checked yet</source>
        <translation>dibuat, belum diperiksa</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="80"/>
        <source>Panel says: {status}</source>
        <translation>Kata panel: {status}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="95"/>
        <source>Not known (tracked by its ID)</source>
        <translation>Tidak diketahui (dilacak dengan ID-nya)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="122"/>
        <source>{span} per post</source>
        <translation>{span} per post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="125"/>
        <source>{span} × 1 post</source>
        <translation>{span} × 1 post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="126"/>
        <source>{span} × {count} posts</source>
        <translation>{span} × {count} post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="144"/>
        <source>Run {done} of {runs}</source>
        <translation>Run {done} dari {runs}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="150"/>
        <source>1 post served</source>
        <translation>1 post terlayani</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="151"/>
        <source>{count} posts served</source>
        <translation>{count} post terlayani</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="174"/>
        <source>Check the panel, then Resolve… (it is there) or Dismiss (it is not).</source>
        <translation>Periksa di panel, lalu Selesaikan… (jika ada) atau Abaikan (jika tidak ada).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="213"/>
        <source>Sell {sell} − estimated charge {charge} = {profit}</source>
        <translation>Jual {sell} − perkiraan biaya {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="215"/>
        <source>Sell {sell} − charge {charge} = {profit}</source>
        <translation>Jual {sell} − biaya {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="224"/>
        <source>Counted at what was delivered ({percent}%): the panel&apos;s charge is for the whole order, so both are scaled.</source>
        <translation>Dihitung dari yang sudah terkirim ({percent}%): biaya panel untuk seluruh pesanan, jadi keduanya disesuaikan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="230"/>
        <source>Counted at what was delivered ({percent}%): the panel already charged only what it delivered.</source>
        <translation>Dihitung dari yang sudah terkirim ({percent}%): panel hanya menagih yang sudah dikirimnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="61"/>
        <source>Spend {spend}</source>
        <translation>Pengeluaran {spend}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="63"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit}</source>
        <translation>Pengeluaran {spend} · Jual {sell} · Profit {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="65"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit} ({sold} of {orders} sold)</source>
        <translation>Pengeluaran {spend} · Jual {sell} · Profit {profit} ({sold} dari {orders} terjual)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="87"/>
        <source>Search ID, link, service, customer, note…</source>
        <translation>Cari ID, link, layanan, pelanggan, catatan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="90"/>
        <source>Every word, in any order, without case or accents: “ana promocao” finds “Promoção” orders for customer Ana</source>
        <translation>Setiap kata, dalam urutan apa pun, tanpa membedakan huruf besar/kecil atau aksen: “ana promocao” menemukan pesanan “Promoção” untuk pelanggan Ana</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="98"/>
        <source>All panels</source>
        <translation>Semua panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="101"/>
        <source>Every panel&apos;s orders in one list, with a Panel column; actions go to each order&apos;s own panel</source>
        <translation>Pesanan semua panel dalam satu daftar, dengan kolom Panel; aksi dikirim ke panel masing-masing pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="107"/>
        <source>Refresh now</source>
        <translation>Segarkan sekarang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="116"/>
        <source>What the orders shown cost and sold for, per currency: orders the panel took, partial ones counted at what was delivered; profit counts the orders with a sell price</source>
        <translation>Biaya dan harga jual pesanan yang ditampilkan, per mata uang: pesanan yang diterima panel, pesanan partial dihitung dari yang sudah terkirim; profit menghitung pesanan yang punya harga jual</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="146"/>
        <source>{tab} ({count})</source>
        <translation>{tab} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="153"/>
        <source>1 order matching “{search}”</source>
        <translation>1 pesanan cocok dengan “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="154"/>
        <source>{count} orders matching “{search}”</source>
        <translation>{count} pesanan cocok dengan “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>1 order</source>
        <translation>1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>{count} orders</source>
        <translation>{count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="167"/>
        <source>Adding up…</source>
        <translation>Menjumlahkan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="176"/>
        <source>All 1 order selected</source>
        <translation>Semua 1 pesanan dipilih</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="177"/>
        <source>All {count} orders selected</source>
        <translation>Semua {count} pesanan dipilih</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="180"/>
        <source>{count} selected</source>
        <translation>{count} dipilih</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="91"/>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="92"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="93"/>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="94"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="95"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="96"/>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="97"/>
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="98"/>
        <source>Charge</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="99"/>
        <source>Sell price</source>
        <translation>Harga jual</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="100"/>
        <source>Profit</source>
        <translation>Profit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="101"/>
        <source>Start count</source>
        <translation>Jumlah awal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="102"/>
        <source>Remains</source>
        <translation>Sisa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="103"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="104"/>
        <source>Currency</source>
        <translation>Mata uang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="105"/>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="106"/>
        <source>Details</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="254"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="137"/>
        <source>Refreshing statuses…</source>
        <translation>Menyegarkan status…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="443"/>
        <source>Refresh failed — {problem}</source>
        <translation>Gagal menyegarkan — {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="452"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="32"/>
        <source>No order in {tab} matches “{search}”.</source>
        <translation>Tidak ada pesanan di {tab} yang cocok dengan “{search}”.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="35"/>
        <source>Clear the search</source>
        <translation>Hapus pencarian</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="39"/>
        <source>No orders in {tab}.</source>
        <translation>Tidak ada pesanan di {tab}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="40"/>
        <source>Show all orders</source>
        <translation>Tampilkan semua pesanan</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="70"/>
        <source>The amount cannot be negative.</source>
        <translation>Jumlah tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="75"/>
        <source>At most {count} decimals, as panels keep.</source>
        <translation>Paling banyak {count} desimal, seperti yang dipakai panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="86"/>
        <source>Type an amount such as {example}, or leave it empty for no warning.</source>
        <translation>Ketik jumlah seperti {example}, atau kosongkan jika tidak perlu peringatan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="47"/>
        <source>1 order unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>1 pesanan belum dikonfirmasi di {panel}: periksa di panel, lalu selesaikan atau abaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="50"/>
        <source>{count} orders unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>{count} pesanan belum dikonfirmasi di {panel}: periksa di panel, lalu selesaikan atau abaikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="57"/>
        <source>1 order refused on {panel} since yesterday</source>
        <translation>1 pesanan ditolak di {panel} sejak kemarin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="58"/>
        <source>{count} orders refused on {panel} since yesterday</source>
        <translation>{count} pesanan ditolak di {panel} sejak kemarin</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="62"/>
        <source>1 order partial on {panel}, refill still possible</source>
        <translation>1 pesanan partial di {panel}, masih bisa di-refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="63"/>
        <source>{count} orders partial on {panel}, refill still possible</source>
        <translation>{count} pesanan partial di {panel}, masih bisa di-refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="139"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="260"/>
        <source>Show these orders in the Orders tab</source>
        <translation>Tampilkan pesanan ini di tab Pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="147"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="227"/>
        <source>Link: shows these orders in the Orders tab</source>
        <translation>Link: menampilkan pesanan ini di tab Pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="26"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="27"/>
        <source>The panel; the demo panel&apos;s money is pretend</source>
        <translation>Panel; uang di panel demo hanya simulasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="30"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="31"/>
        <source>The balance as last fetched, and whether it is below your warning</source>
        <translation>Saldo yang terakhir diambil, dan apakah di bawah batas peringatan Anda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="36"/>
        <source>Warn below</source>
        <translation>Peringatan di bawah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="37"/>
        <source>Warn when the balance is below this amount (edit in place)</source>
        <translation>Beri peringatan jika saldo di bawah jumlah ini (edit langsung di sini)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="40"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="41"/>
        <source>Orders pending or in progress</source>
        <translation>Pesanan pending atau sedang diproses</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="44"/>
        <source>Unconfirmed</source>
        <translation>Belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="45"/>
        <source>Orders whose placing is unclear: check them on the panel</source>
        <translation>Pesanan yang status pembuatannya tidak jelas: periksa di panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="48"/>
        <source>Failed refills</source>
        <translation>Refill gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="49"/>
        <source>Orders whose latest refill was refused, rejected or failed (last 30 days)</source>
        <translation>Pesanan yang refill terakhirnya ditolak atau gagal (30 hari terakhir)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="54"/>
        <source>Spent today</source>
        <translation>Pengeluaran hari ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="55"/>
        <source>Charged for orders placed today, per currency</source>
        <translation>Biaya pesanan yang dibuat hari ini, per mata uang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="58"/>
        <source>7 days</source>
        <translation>7 hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="59"/>
        <source>Charged for orders placed in the last 7 days, per currency</source>
        <translation>Biaya pesanan yang dibuat dalam 7 hari terakhir, per mata uang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="62"/>
        <source>30 days</source>
        <translation>30 hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="63"/>
        <source>Charged for orders placed in the last 30 days, per currency</source>
        <translation>Biaya pesanan yang dibuat dalam 30 hari terakhir, per mata uang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="78"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="81"/>
        <source>Read the figures again and fetch every panel&apos;s balance</source>
        <translation>Baca ulang angka-angka dan ambil saldo setiap panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="92"/>
        <source>Needs attention</source>
        <translation>Perlu perhatian</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="100"/>
        <source>Nothing needs your attention.</source>
        <translation>Tidak ada yang perlu Anda perhatikan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="124"/>
        <source>The Demo panel&apos;s balance is pretend money: orders placed there are simulated and cost nothing. Add your own panel to see its balance, its orders and what you spend here, next to every other panel you use.</source>
        <translation>Saldo panel Demo hanyalah uang simulasi: pesanan di sana disimulasikan dan tidak dikenai biaya. Tambahkan panel Anda sendiri untuk melihat saldonya, pesanannya, dan pengeluaran Anda di sini, berdampingan dengan semua panel lain yang Anda gunakan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="131"/>
        <source>&amp;Add your panel…</source>
        <translation>&amp;Tambahkan panel Anda…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="258"/>
        <source>Double-click or press F2 to change; empty: no warning</source>
        <translation>Klik dua kali atau tekan F2 untuk mengubah; kosong: tanpa peringatan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="110"/>
        <source>Reading the figures…</source>
        <translation>Membaca angka-angka…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="139"/>
        <source>Figures of {time}</source>
        <translation>Angka per {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="153"/>
        <source>The figures could not be read: {problem}</source>
        <translation>Angka tidak dapat dibaca: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="217"/>
        <source>Warning for {panel} not changed: {problem}</source>
        <translation>Peringatan untuk {panel} tidak diubah: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="48"/>
        <source>{name} (pretend money)</source>
        <translation>{name} (uang simulasi)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="58"/>
        <source>{money} · low</source>
        <translation>{money} · menipis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="67"/>
        <source>Last known balance: {money}</source>
        <translation>Saldo terakhir yang diketahui: {money}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="69"/>
        <source>The balance has not been fetched yet.</source>
        <translation>Saldo belum diambil.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="72"/>
        <source>Below your warning of {money}.</source>
        <translation>Di bawah batas peringatan Anda sebesar {money}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="74"/>
        <source>The demo panel&apos;s money is pretend: nothing is real.</source>
        <translation>Uang di panel demo hanya simulasi: tidak ada yang nyata.</translation>
    </message>
</context>
<context>
    <name>PanelListModel</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="58"/>
        <source>Built-in demo panel: no key needed</source>
        <translation>Panel demo bawaan: tidak perlu key</translation>
    </message>
</context>
<context>
    <name>PanelSwitcher</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="75"/>
        <source>Active panel</source>
        <translation>Panel aktif</translation>
    </message>
</context>
<context>
    <name>PanelsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="20"/>
        <source>optional, e.g. socks5://user:password@host:1080</source>
        <translation>opsional, mis. socks5://user:password@host:1080</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="22"/>
        <source>no limit</source>
        <translation>tanpa batas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="24"/>
        <source>Most panels allow 60 to 120 requests a minute per key. Set the panel&apos;s limit here so SMMDesk never exceeds it; leave empty for no limit.</source>
        <translation>Sebagian besar panel mengizinkan 60 hingga 120 request per menit per key. Atur batas panel di sini agar SMMDesk tidak pernah melampauinya; kosongkan jika tanpa batas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="14"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>API key Anda dari halaman API panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="15"/>
        <source>Type a new key to replace it</source>
        <translation>Ketik key baru untuk menggantinya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="25"/>
        <source>Key: saved in the system keyring.</source>
        <translation>Key: tersimpan di keyring sistem.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="27"/>
        <source>Key: kept for this session only; enter it again after restarting SMMDesk.</source>
        <translation>Key: hanya disimpan untuk sesi ini; masukkan lagi setelah SMMDesk dimulai ulang.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="33"/>
        <source>Key: none for this session (the system keyring is not in use).</source>
        <translation>Key: tidak ada untuk sesi ini (keyring sistem tidak digunakan).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="38"/>
        <source>Key: no key saved.</source>
        <translation>Key: tidak ada key yang tersimpan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="39"/>
        <source>Key: the system keyring cannot be read. {problem}</source>
        <translation>Key: keyring sistem tidak dapat dibaca. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="46"/>
        <source>The API key of removed panel “{panel}” may still be in the system keyring (SMMDesk closed before deleting it).</source>
        <translation>API key panel “{panel}” yang telah dihapus mungkin masih ada di keyring sistem (SMMDesk tertutup sebelum sempat menghapusnya).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="51"/>
        <source>The API key of removed panel “{panel}” could not be deleted from the system keyring: {problem}</source>
        <translation>API key panel “{panel}” yang telah dihapus tidak dapat dihapus dari keyring sistem: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="61"/>
        <source>Retry deleting the keys</source>
        <translation>Coba hapus key lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="62"/>
        <source>Retry deleting the key</source>
        <translation>Coba hapus key lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="69"/>
        <source>The key and proxy password cannot be saved</source>
        <translation>Key dan password proxy tidak dapat disimpan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="70"/>
        <source>{why}

Keep the key and proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Simpan key dan password proxy di memori hanya untuk sesi ini? Anda perlu memasukkannya lagi setelah SMMDesk dimulai ulang.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="76"/>
        <source>The key cannot be saved</source>
        <translation>Key tidak dapat disimpan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="77"/>
        <source>{why}

Keep the key in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Simpan key di memori hanya untuk sesi ini? Anda perlu memasukkannya lagi setelah SMMDesk dimulai ulang.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="83"/>
        <source>The proxy password cannot be saved</source>
        <translation>Password proxy tidak dapat disimpan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="84"/>
        <source>{why}

Keep the proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Simpan password proxy di memori hanya untuk sesi ini? Anda perlu memasukkannya lagi setelah SMMDesk dimulai ulang.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="12"/>
        <source>The built-in demo panel needs no key and cannot be edited or removed.</source>
        <translation>Panel demo bawaan tidak memerlukan key dan tidak dapat diedit atau dihapus.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="19"/>
        <source>Remove “{panel}”? Its cached catalogue and the order history kept on this computer are deleted too; orders on the panel itself are not affected.</source>
        <translation>Hapus “{panel}”? Katalog yang di-cache dan riwayat pesanan yang disimpan di komputer ini juga akan dihapus; pesanan di panel itu sendiri tidak terpengaruh.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <source>Remove panel</source>
        <translation>Hapus panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="29"/>
        <source>This API URL uses plain http://, so your API key and orders would travel unencrypted and could be read by anyone on the network path.

Use it anyway?</source>
        <translation>URL API ini menggunakan http:// biasa, sehingga API key dan pesanan Anda dikirim tanpa enkripsi dan dapat dibaca oleh siapa pun di jalur jaringan.

Tetap gunakan?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="35"/>
        <source>Unencrypted connection</source>
        <translation>Koneksi tidak terenkripsi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="36"/>
        <source>Use http:// anyway</source>
        <translation>Tetap gunakan http://</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="79"/>
        <source>Panels</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="112"/>
        <source>e.g. My main panel</source>
        <translation>mis. Panel utama saya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="119"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Show</source>
        <translation>Tampilkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="122"/>
        <source>Show or hide the key</source>
        <translation>Tampilkan atau sembunyikan key</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="126"/>
        <source>Test connection</source>
        <translation>Tes koneksi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="129"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="169"/>
        <source>Name</source>
        <translation>Nama</translation>
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
        <translation>Request per menit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="173"/>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Hide</source>
        <translation>Sembunyikan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="233"/>
        <source>Enter the API key (from the panel&apos;s API page).</source>
        <translation>Masukkan API key (dari halaman API panel).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="261"/>
        <source>Enter the API key to test the connection.</source>
        <translation>Masukkan API key untuk mengetes koneksi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="268"/>
        <source>Testing the connection…</source>
        <translation>Mengetes koneksi…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="275"/>
        <source>Connected. Balance: {balance}</source>
        <translation>Terhubung. Saldo: {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="292"/>
        <source>The key is kept in memory for this session only.</source>
        <translation>Key hanya disimpan di memori untuk sesi ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="327"/>
        <source>Key: {problem}</source>
        <translation>Key: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="372"/>
        <source>Key: checking where it is…</source>
        <translation>Key: memeriksa lokasinya…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="377"/>
        <source>New panel</source>
        <translation>Panel baru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="399"/>
        <source>A panel needs a name and its API URL.</source>
        <translation>Panel memerlukan nama dan API URL-nya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="414"/>
        <source>Use the panel&apos;s https:// address.</source>
        <translation>Gunakan alamat https:// panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="429"/>
        <source>Use for this session only</source>
        <translation>Gunakan hanya untuk sesi ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="434"/>
        <source>Saved without a key: enter it again when a keyring works.</source>
        <translation>Tersimpan tanpa key: masukkan lagi saat keyring sudah berfungsi.</translation>
    </message>
</context>
<context>
    <name>PriceBoardModel</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="41"/>
        <source>not compared</source>
        <translation>tidak dibandingkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Type</source>
        <translation>Tipe</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="66"/>
        <source>Rate</source>
        <translation>Harga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="67"/>
        <source>Panel&apos;s rate</source>
        <translation>Harga panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="68"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="69"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="70"/>
        <source>Refill</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="71"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="72"/>
        <source>Completion</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="75"/>
        <source>From your own orders: the median time from placed to completed, and in brackets how many orders it rests on. Empty: you never had an order of it completed.</source>
        <translation>Dari pesanan Anda sendiri: median waktu dari dipesan hingga selesai, dan dalam kurung jumlah pesanan yang menjadi dasarnya. Kosong: belum pernah ada pesanan layanan ini yang selesai untuk Anda.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="97"/>
        <source>Lifetime</source>
        <translation>Lifetime</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="99"/>
        <source>No refill</source>
        <translation>Tanpa refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="101"/>
        <source>{count} days</source>
        <translation>{count} hari</translation>
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
        <translation>Cari di semua panel: kata dalam urutan apa pun…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Bandingkan dalam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Rates…</source>
        <translation>&amp;Kurs…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="75"/>
        <source>&amp;Order on this panel</source>
        <translation>&amp;Pesan di panel ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="156"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Membaca katalog setiap panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="207"/>
        <source>No service of any panel matches “{search}”.</source>
        <translation>Tidak ada layanan di panel mana pun yang cocok dengan “{search}”.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="210"/>
        <source>Clear the search</source>
        <translation>Hapus pencarian</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="249"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Belum ada katalog yang di-cache: buka tab Layanan suatu panel sekali untuk mengambilnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="277"/>
        <source>{summary} Not compared until a balance says their currency: {panels}.</source>
        <translation>{summary} Tidak dibandingkan sampai saldo menunjukkan mata uangnya: {panels}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="256"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 panel, {services} layanan, termurah lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="257"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} panel, {services} layanan, termurah lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="259"/>
        <source>1 panel, {services} services: none can be compared in {currency}.</source>
        <translation>1 panel, {services} layanan: tidak ada yang bisa dibandingkan dalam {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="262"/>
        <source>{panels} panels, {services} services: none can be compared in {currency}.</source>
        <translation>{panels} panel, {services} layanan: tidak ada yang bisa dibandingkan dalam {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="271"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Tidak dibandingkan (tidak ada kurs konversi untuk {currencies}): tambahkan lewat Kurs…</translation>
    </message>
</context>
<context>
    <name>PriceWatch</name>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="18"/>
        <source>no longer listed</source>
        <translation>tidak tercantum lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="32"/>
        <source>Seen</source>
        <translation>Terdeteksi</translation>
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
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="36"/>
        <source>Old rate</source>
        <translation>Harga lama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="37"/>
        <source>New rate</source>
        <translation>Harga baru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="38"/>
        <source>Change</source>
        <translation>Perubahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="52"/>
        <source>gone</source>
        <translation>hilang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="61"/>
        <source>{change}%</source>
        <translation>{change}%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="30"/>
        <source>No service you ordered in the last {days} days changed its price or left a panel&apos;s catalogue. Changes are seen when a catalogue is refreshed (Services tab).</source>
        <translation>Tidak ada layanan yang Anda pesan dalam {days} hari terakhir yang berubah harga atau hilang dari katalog panel. Perubahan terdeteksi saat katalog disegarkan (tab Layanan).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="41"/>
        <source>1 price change</source>
        <translation>1 perubahan harga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="42"/>
        <source>{count} price changes</source>
        <translation>{count} perubahan harga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="45"/>
        <source>{changes} and {gone}</source>
        <translation>{changes} dan {gone}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="49"/>
        <source>1 service no longer listed</source>
        <translation>1 layanan tidak tercantum lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="50"/>
        <source>{count} services no longer listed</source>
        <translation>{count} layanan tidak tercantum lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="53"/>
        <source>{what} among the services you ordered in the last {days} days, newest first. Rates are per 1000 (per package for packages), in each panel&apos;s currency.</source>
        <translation>{what} di antara layanan yang Anda pesan dalam {days} hari terakhir, terbaru lebih dulu. Harga per 1000 (per paket untuk layanan paket), dalam mata uang masing-masing panel.</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="22"/>
        <source>One currency a line, as CODE=value: what one unit is worth in {board}. For example EUR=1.08 or INR=0.012. Lines that do not read so are left out.</source>
        <translation>Satu mata uang per baris, dengan format KODE=nilai: berapa nilai satu unit dalam {board}. Contoh: EUR=1.08 atau INR=0.012. Baris yang tidak sesuai format ini diabaikan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="27"/>
        <source>Conversion rates</source>
        <translation>Kurs konversi</translation>
    </message>
</context>
<context>
    <name>RecoveryNotice</name>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="26"/>
        <source>1 order was being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>1 pesanan sedang dikirim saat SMMDesk terakhir ditutup. Pesanan ini ditandai Belum dikonfirmasi: periksa di panelnya, lalu selesaikan atau abaikan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="32"/>
        <source>{count} orders were being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>{count} pesanan sedang dikirim saat SMMDesk terakhir ditutup. Pesanan tersebut ditandai Belum dikonfirmasi: periksa masing-masing di panelnya, lalu selesaikan atau abaikan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="37"/>
        <source>Show unconfirmed orders</source>
        <translation>Tampilkan pesanan yang belum dikonfirmasi</translation>
    </message>
</context>
<context>
    <name>RefillWindows</name>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="43"/>
        <source>Guarantee ends</source>
        <translation>Garansi berakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="44"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="45"/>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="46"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="47"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="48"/>
        <source>Guarantee</source>
        <translation>Garansi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="49"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="50"/>
        <source>Dropped</source>
        <translation>Turun</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="53"/>
        <source>Tick when the count on the link fell: the panel is not asked about a finished order again, so only you can see it.</source>
        <translation>Centang bila jumlah pada tautan turun: panel tidak ditanya lagi tentang pesanan yang sudah selesai, jadi hanya Anda yang bisa melihatnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="65"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="66"/>
        <source>In progress</source>
        <translation>Sedang diproses</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="67"/>
        <source>Completed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="68"/>
        <source>Partial</source>
        <translation>Partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="69"/>
        <source>Canceled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="70"/>
        <source>Refunded</source>
        <translation>Di-refund</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="71"/>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="72"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="73"/>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="74"/>
        <source>Expired</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="75"/>
        <source>Unknown</source>
        <translation>Tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="84"/>
        <source>within the hour</source>
        <translation>dalam 1 jam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="87"/>
        <source>in {count} h</source>
        <translation>dalam {count} jam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="91"/>
        <source>in 1 day</source>
        <translation>dalam 1 hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="92"/>
        <source>in {count} days</source>
        <translation>dalam {count} hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="94"/>
        <source>{when} ({time})</source>
        <translation>{when} ({time})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="105"/>
        <source>partial</source>
        <translation>partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="110"/>
        <source>lifetime</source>
        <translation>lifetime</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="147"/>
        <source>{state}, finished {age}</source>
        <translation>{state}, berakhir {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="62"/>
        <source>No refill guarantee ends in the next {days}.</source>
        <translation>Tidak ada garansi refill yang berakhir dalam {days} ke depan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="63"/>
        <source>Listed here are completed or partial orders whose service promised a refill period in its name or description (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), with no refill running; services that state no period are never listed.</source>
        <translation>Yang tercantum di sini adalah pesanan selesai atau partial yang layanannya menjanjikan masa refill di nama atau deskripsinya (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), tanpa refill yang sedang berjalan; layanan yang tidak menyebut masa refill tidak pernah dicantumkan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="74"/>
        <source>{orders} whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} yang garansi refill-nya berakhir dalam {days} ke depan, yang paling cepat lebih dulu.</translation>
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
        <translation> hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="131"/>
        <source>Guarantee ends &amp;within</source>
        <translation>Garansi berakhir &amp;dalam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="56"/>
        <source>Dropped or partial</source>
        <translation>Turun atau partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="57"/>
        <source>Every closing guarantee</source>
        <translation>Semua garansi yang berakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="81"/>
        <source>{orders} that dropped or went partial, whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} yang turun atau partial, dengan garansi refill berakhir dalam {days}, yang terdekat lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="92"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. 1 order&apos;s guarantee ends then: show every closing guarantee and tick Dropped if its count fell.</source>
        <translation>Tidak ada pesanan yang turun atau partial dengan garansi refill berakhir dalam {days}. Garansi 1 pesanan berakhir dalam waktu itu: tampilkan semua garansi yang berakhir dan centang Turun bila jumlahnya turun.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="98"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. {count} orders&apos; guarantees end then: show every closing guarantee and tick Dropped for those whose count fell.</source>
        <translation>Tidak ada pesanan yang turun atau partial dengan garansi refill berakhir dalam {days}. Garansi {count} pesanan berakhir dalam waktu itu: tampilkan semua garansi yang berakhir dan centang Turun untuk yang jumlahnya turun.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="136"/>
        <source>&amp;Show</source>
        <translation>&amp;Tampilkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="140"/>
        <source>&amp;Refill dropped and partial</source>
        <translation>&amp;Refill yang turun dan partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="240"/>
        <source>Ask for a refill of {orders} on {panels}?</source>
        <translation>Minta refill untuk {orders} di {panels}?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="243"/>
        <source>Refill orders</source>
        <translation>Refill pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="247"/>
        <source>Refill 1 order</source>
        <translation>Refill 1 pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="248"/>
        <source>Refill {count} orders</source>
        <translation>Refill {count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="252"/>
        <source>Don&apos;t refill</source>
        <translation>Jangan refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="268"/>
        <source>Requesting 1 refill…</source>
        <translation>Meminta 1 refill…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="269"/>
        <source>Requesting {count} refills…</source>
        <translation>Meminta {count} refill…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="290"/>
        <source>{summary}. Not sent: {failures}</source>
        <translation>{summary}. Tidak dikirim: {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="295"/>
        <source>Refill results</source>
        <translation>Hasil refill</translation>
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
        <translation>ID refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="62"/>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="63"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="65"/>
        <source>Requested</source>
        <translation>Diminta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="66"/>
        <source>Updated</source>
        <translation>Diperbarui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="67"/>
        <source>Error</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="71"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="72"/>
        <source>In progress</source>
        <translation>Sedang diproses</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="73"/>
        <source>Completed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="74"/>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="75"/>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="76"/>
        <source>Unknown</source>
        <translation>Tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="91"/>
        <source>Refused</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="230"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="105"/>
        <source>Refreshing refills…</source>
        <translation>Menyegarkan refill…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="158"/>
        <source>Search refill ID, order ID, panel, status…</source>
        <translation>Cari ID refill, ID pesanan, panel, status…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="161"/>
        <source>All panels</source>
        <translation>Semua panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="164"/>
        <source>Every panel&apos;s refills in one list, with a Panel column</source>
        <translation>Refill semua panel dalam satu daftar, dengan kolom Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="166"/>
        <source>Refresh now</source>
        <translation>Segarkan sekarang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="274"/>
        <source>Refresh failed — {reason}</source>
        <translation>Gagal menyegarkan — {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="284"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="303"/>
        <source>1 refill matching “{search}”</source>
        <translation>1 refill cocok dengan “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="304"/>
        <source>{count} refills matching “{search}”</source>
        <translation>{count} refill cocok dengan “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>{count} refills</source>
        <translation>{count} refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>1 refill</source>
        <translation>1 refill</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="55"/>
        <source>Others</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="57"/>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="77"/>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="64"/>
        <source>unknown currency</source>
        <translation>mata uang tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="66"/>
        <source>Spend ({currency})</source>
        <translation>Pengeluaran ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="67"/>
        <source>Profit ({currency})</source>
        <translation>Profit ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="33"/>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="34"/>
        <source>Group</source>
        <translation>Kelompok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="35"/>
        <source>Currency</source>
        <translation>Mata uang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="36"/>
        <source>Orders</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="37"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Spend</source>
        <translation>Pengeluaran</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="38"/>
        <source>With sell price</source>
        <translation>Dengan harga jual</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="39"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Profit</source>
        <translation>Profit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="48"/>
        <source>week of {day}</source>
        <translation>minggu mulai {day}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="22"/>
        <source>No orders yet. Spending reports add up the orders you place from SMMDesk (or track by ID): place one from New order or Mass order and it appears here.</source>
        <translation>Belum ada pesanan. Laporan pengeluaran menjumlahkan pesanan yang Anda buat dari SMMDesk (atau lacak lewat ID): buat pesanan dari Pesanan baru atau Pesanan massal dan pesanan itu akan muncul di sini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="29"/>
        <source>The start date is after the end date: pick a start on or before the end.</source>
        <translation>Tanggal mulai setelah tanggal akhir: pilih tanggal mulai yang sama dengan atau sebelum tanggal akhir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="34"/>
        <source>Profit needs the sell price of each order, which this history does not record yet. Spend is shown instead.</source>
        <translation>Profit memerlukan harga jual setiap pesanan, yang belum dicatat di riwayat ini. Sebagai gantinya, pengeluaran yang ditampilkan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="42"/>
        <source>{count} days are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} hari terlalu banyak batang untuk satu grafik: pilih per bulan atau rentang yang lebih pendek. Tabel di bawah mencantumkan setiap baris.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="47"/>
        <source>{count} weeks are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} minggu terlalu banyak batang untuk satu grafik: pilih per bulan atau rentang yang lebih pendek. Tabel di bawah mencantumkan setiap baris.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="52"/>
        <source>{count} months are too many bars for one chart: choose fewer years or a shorter range. The table below lists every line.</source>
        <translation>{count} bulan terlalu banyak batang untuk satu grafik: pilih lebih sedikit tahun atau rentang yang lebih pendek. Tabel di bawah mencantumkan setiap baris.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="67"/>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="80"/>
        <source>{count} orders from {first} to {last}.</source>
        <translation>{count} pesanan dari {first} sampai {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="86"/>
        <source>1 order from {first} to {last}: {spent} spent.</source>
        <translation>1 pesanan dari {first} sampai {last}: pengeluaran {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="87"/>
        <source>{count} orders from {first} to {last}: {spent} spent.</source>
        <translation>{count} pesanan dari {first} sampai {last}: pengeluaran {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="99"/>
        <source>Profit {profit} on the 1 order with a sell price.</source>
        <translation>Profit {profit} dari 1 pesanan yang punya harga jual.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="100"/>
        <source>Profit {profit} on the {count} orders with a sell price.</source>
        <translation>Profit {profit} dari {count} pesanan yang punya harga jual.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="121"/>
        <source>This order has no sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Pesanan ini tidak punya harga jual, jadi tidak ada profit untuk ditampilkan. Atur harga jual di tab Pesanan, atau tampilkan Pengeluaran.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="126"/>
        <source>None of these {count} orders has a sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Tidak ada dari {count} pesanan ini yang punya harga jual, jadi tidak ada profit untuk ditampilkan. Atur harga jual di tab Pesanan, atau tampilkan Pengeluaran.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="139"/>
        <source>Amounts in {currencies} are kept apart, never added together. The chart shows {shown}; pick another currency above. The table lists them all.</source>
        <translation>Jumlah dalam {currencies} dipisahkan, tidak pernah dijumlahkan. Grafik menampilkan {shown}; pilih mata uang lain di atas. Tabel mencantumkan semuanya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="152"/>
        <source>Nothing was spent in this currency and range: its orders were canceled, refunded or failed, and the panels gave the money back.</source>
        <translation>Tidak ada pengeluaran dalam mata uang dan rentang ini: pesanannya dibatalkan, di-refund, atau gagal, dan panel sudah mengembalikan dananya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="157"/>
        <source>Profit is zero on every order with a sell price in this range.</source>
        <translation>Profit nol untuk setiap pesanan yang punya harga jual dalam rentang ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="166"/>
        <source>No orders were placed from {first} to {last}.</source>
        <translation>Tidak ada pesanan yang dibuat dari {first} sampai {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="171"/>
        <source>That range is in the future.</source>
        <translation>Rentang itu ada di masa depan.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="177"/>
        <source>Your one order was placed on {first}.</source>
        <translation>Satu-satunya pesanan Anda dibuat pada {first}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="178"/>
        <source>Your {count} orders were placed from {first} to {last}.</source>
        <translation>{count} pesanan Anda dibuat dari {first} sampai {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="61"/>
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="62"/>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="63"/>
        <source>Last 90 days</source>
        <translation>90 hari terakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="64"/>
        <source>Last 12 months</source>
        <translation>12 bulan terakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="65"/>
        <source>Custom</source>
        <translation>Kustom</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Day</source>
        <translation>Hari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Week</source>
        <translation>Minggu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="68"/>
        <source>Month</source>
        <translation>Bulan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="70"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="71"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="72"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="73"/>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="124"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Ekspor CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="126"/>
        <source>Save &amp;chart…</source>
        <translation>Simpan &amp;grafik…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="132"/>
        <source>&amp;Range</source>
        <translation>&amp;Rentang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="133"/>
        <source>&amp;From</source>
        <translation>&amp;Dari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="134"/>
        <source>&amp;To</source>
        <translation>&amp;Sampai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="135"/>
        <source>&amp;By</source>
        <translation>Per&amp;iode</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="145"/>
        <source>&amp;Per</source>
        <translation>&amp;Kelompok</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="146"/>
        <source>&amp;Show</source>
        <translation>&amp;Tampilkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="147"/>
        <source>C&amp;urrency</source>
        <translation>Mata &amp;uang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="214"/>
        <source>Adding up your orders…</source>
        <translation>Menjumlahkan pesanan Anda…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="331"/>
        <source>Export report</source>
        <translation>Ekspor laporan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="346"/>
        <source>Save chart</source>
        <translation>Simpan grafik</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="351"/>
        <source>PNG images (*.png)</source>
        <translation>Gambar PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="385"/>
        <source>Exported 1 chart to {path}</source>
        <translation>1 grafik diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="388"/>
        <source>Exported 1 line to {path}</source>
        <translation>1 baris diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="389"/>
        <source>Exported {count} lines to {path}</source>
        <translation>{count} baris diekspor ke {path}</translation>
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
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="46"/>
        <source>Orders</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="47"/>
        <source>Spend</source>
        <translation>Pengeluaran</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="48"/>
        <source>Placed → started</source>
        <translation>Dibuat → mulai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="49"/>
        <source>90% started within</source>
        <translation>90% mulai dalam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="50"/>
        <source>Placed → completed</source>
        <translation>Dibuat → selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="51"/>
        <source>90% completed within</source>
        <translation>90% selesai dalam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="52"/>
        <source>Partial</source>
        <translation>Partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="53"/>
        <source>Canceled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="54"/>
        <source>Refunded</source>
        <translation>Di-refund</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="55"/>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="56"/>
        <source>Refills</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="57"/>
        <source>Stuck</source>
        <translation>Macet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="61"/>
        <source>partial</source>
        <translation>partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="62"/>
        <source>canceled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="63"/>
        <source>refunded</source>
        <translation>di-refund</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="64"/>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="78"/>
        <source>{asked} asked: {done} done, {refused} refused</source>
        <translation>{asked} diminta: {done} selesai, {refused} ditolak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="103"/>
        <source>(every service)</source>
        <translation>(semua layanan)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="152"/>
        <source>From your 1 order: {spent} spent.</source>
        <translation>Dari 1 pesanan Anda: pengeluaran {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="153"/>
        <source>From your {count} orders: {spent} spent.</source>
        <translation>Dari {count} pesanan Anda: pengeluaran {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="156"/>
        <source>Placed → started: {spread}.</source>
        <translation>Dibuat → mulai: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="159"/>
        <source>Placed → completed: {spread}.</source>
        <translation>Dibuat → selesai: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="164"/>
        <source>{outcome} {share}</source>
        <translation>{outcome} {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="175"/>
        <source>Of 1 finished order: {shares}.</source>
        <translation>Dari 1 pesanan yang sudah berakhir: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="176"/>
        <source>Of {count} finished orders: {shares}.</source>
        <translation>Dari {count} pesanan yang sudah berakhir: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="182"/>
        <source>Refills: {refills}.</source>
        <translation>Refill: {refills}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="188"/>
        <source>1 order with no progress lately.</source>
        <translation>1 pesanan tanpa progres belakangan ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="189"/>
        <source>{count} orders with no progress lately.</source>
        <translation>{count} pesanan tanpa progres belakangan ini.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="27"/>
        <source>No orders yet. The scorecard is worked out from your own orders: how fast each service started and completed, how often it ended partial, canceled or refunded. Place orders and it fills in as they progress.</source>
        <translation>Belum ada pesanan. Kartu skor dihitung dari pesanan Anda sendiri: seberapa cepat setiap layanan mulai dan selesai, seberapa sering berakhir partial, dibatalkan, atau di-refund. Buat pesanan dan kartu skor akan terisi seiring progresnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per service</source>
        <translation>Per layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per panel</source>
        <translation>Per panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="57"/>
        <source> h</source>
        <translation> jam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="59"/>
        <source>An order not final with no progress for this long is stuck</source>
        <translation>Pesanan yang belum final dan tanpa progres selama ini dianggap macet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="61"/>
        <source>&amp;Stuck after no progress for</source>
        <translation>&amp;Macet jika tanpa progres selama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="95"/>
        <source>Working out the scorecard from your orders…</source>
        <translation>Menghitung kartu skor dari pesanan Anda…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="150"/>
        <source>From your {orders} on {panels}, {services}. Times run from placing to the first refresh that saw the order started or completed; each figure says how many orders it rests on.</source>
        <translation>Dari {orders} Anda di {panels}, {services}. Waktu dihitung dari pembuatan pesanan sampai penyegaran pertama yang melihat pesanan sudah mulai atau selesai; setiap angka menyebutkan berapa pesanan yang mendasarinya.</translation>
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
        <translation>1 layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="163"/>
        <source>{count} services</source>
        <translation>{count} layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="168"/>
        <source>One order is too few to judge a provider by.</source>
        <translation>Satu pesanan terlalu sedikit untuk menilai sebuah provider.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="173"/>
        <source>1 order had no progress for {hours} h or more.</source>
        <translation>1 pesanan tanpa progres selama {hours} jam atau lebih.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="174"/>
        <source>{count} orders had no progress for {hours} h or more.</source>
        <translation>{count} pesanan tanpa progres selama {hours} jam atau lebih.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="22"/>
        <source>You have not ordered this service yet: no figures of your own.</source>
        <translation>Anda belum pernah memesan layanan ini: belum ada angka dari pesanan Anda sendiri.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="49"/>
        <source>Reading your orders of this service…</source>
        <translation>Membaca pesanan Anda untuk layanan ini…</translation>
    </message>
</context>
<context>
    <name>ServiceDetails</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="52"/>
        <source>Service description</source>
        <translation>Deskripsi layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="57"/>
        <source>Order this</source>
        <translation>Pesan layanan ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="60"/>
        <source>Open the New order form with this service ({key})</source>
        <translation>Buka formulir Pesanan baru dengan layanan ini ({key})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="84"/>
        <source>Select a service to see its details.</source>
        <translation>Pilih layanan untuk melihat detailnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="89"/>
        <source>The panel gives no description.</source>
        <translation>Panel tidak memberikan deskripsi.</translation>
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
        <translation>Harga: {rate}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="133"/>
        <source>Quantity: {min} to {max}</source>
        <translation>Jumlah: {min} sampai {max}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="140"/>
        <source>{change}: {detail}</source>
        <translation>{change}: {detail}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="151"/>
        <source>Refill: yes</source>
        <translation>Refill: ya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="153"/>
        <source>Refill: no</source>
        <translation>Refill: tidak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="154"/>
        <source>Cancel: yes</source>
        <translation>Cancel: ya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="156"/>
        <source>Cancel: no</source>
        <translation>Cancel: tidak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="157"/>
        <source>Drip-feed: yes</source>
        <translation>Drip-feed: ya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="159"/>
        <source>Drip-feed: no</source>
        <translation>Drip-feed: tidak</translation>
    </message>
</context>
<context>
    <name>ServiceFilter</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="32"/>
        <source>All categories</source>
        <translation>Semua kategori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="33"/>
        <source>{star} Favourites</source>
        <translation>{star} Favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="37"/>
        <source>Search name, category or ID  (Ctrl+F)</source>
        <translation>Cari nama, kategori, atau ID  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="39"/>
        <source>Search services</source>
        <translation>Cari layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="41"/>
        <source>Every word you type must appear in the service&apos;s name, category or ID, in any order</source>
        <translation>Setiap kata yang Anda ketik harus ada di nama, kategori, atau ID layanan, dalam urutan apa pun</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="54"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="56"/>
        <source>A category, or {favourites}: your starred services and those the panel dropped</source>
        <translation>Satu kategori, atau {favourites}: layanan yang Anda beri bintang dan yang sudah dihapus panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="64"/>
        <source>&amp;Refill</source>
        <translation>R&amp;efill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="65"/>
        <source>Only services you can ask a refill for</source>
        <translation>Hanya layanan yang bisa diminta refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="69"/>
        <source>C&amp;ancel</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="70"/>
        <source>Only services whose orders you can ask to cancel</source>
        <translation>Hanya layanan yang pesanannya bisa diminta pembatalan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="74"/>
        <source>&amp;Drip-feed</source>
        <translation>&amp;Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="75"/>
        <source>Only services that can be delivered in runs</source>
        <translation>Hanya layanan yang bisa dikirim bertahap (run)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="79"/>
        <source>Changes on&amp;ly</source>
        <translation>Hanya per&amp;ubahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="80"/>
        <source>Only services that are new or re-priced since the last fetch</source>
        <translation>Hanya layanan yang baru atau berubah harga sejak pengambilan terakhir</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="58"/>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="59"/>
        <source>Ordered recently</source>
        <translation>Baru-baru ini dipesan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="71"/>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="63"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="72"/>
        <source>Rate / 1000</source>
        <translation>Harga / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="73"/>
        <source>Min – max</source>
        <translation>Min – max</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="231"/>
        <source>Favourite or recent</source>
        <translation>Favorit atau terbaru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="57"/>
        <source>Clear search</source>
        <translation>Hapus pencarian</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="114"/>
        <source>No service matches “{typed}”. Esc goes back.</source>
        <translation>Tidak ada layanan yang cocok dengan “{typed}”. Esc untuk kembali.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="118"/>
        <source>This panel lists no services yet.</source>
        <translation>Panel ini belum mencantumkan layanan apa pun.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="186"/>
        <source>1 service matches · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 layanan cocok · ↑ ↓ untuk berpindah, Enter untuk memilih, Esc untuk kembali</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="190"/>
        <source>{count} services match · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} layanan cocok · ↑ ↓ untuk berpindah, Enter untuk memilih, Esc untuk kembali</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="194"/>
        <source>1 service · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 layanan · ↑ ↓ untuk berpindah, Enter untuk memilih, Esc untuk kembali</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="197"/>
        <source>{count} services · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} layanan · ↑ ↓ untuk berpindah, Enter untuk memilih, Esc untuk kembali</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="61"/>
        <source>Search services by ID, name or category…</source>
        <translation>Cari layanan berdasarkan ID, nama, atau kategori…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="70"/>
        <source>All services (Down)</source>
        <translation>Semua layanan (Down)</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="27"/>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="28"/>
        <source>Price ↑</source>
        <translation>Harga ↑</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="29"/>
        <source>Price ↓</source>
        <translation>Harga ↓</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="49"/>
        <source>New since the previous fetch of the catalogue</source>
        <translation>Baru sejak pengambilan katalog sebelumnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="50"/>
        <source>was {old}, now {new}</source>
        <translation>sebelumnya {old}, sekarang {new}</translation>
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
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="58"/>
        <source>Type</source>
        <translation>Tipe</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="59"/>
        <source>Rate / 1000</source>
        <translation>Harga / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="60"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="61"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="62"/>
        <source>Refill</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="63"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="64"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="67"/>
        <source>The panel&apos;s ID of the service</source>
        <translation>ID layanan di panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="68"/>
        <source>What the order form asks for this service (Default, Package, …)</source>
        <translation>Yang diminta formulir pesanan untuk layanan ini (Default, Package, …)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="71"/>
        <source>The panel&apos;s price per 1000, or per package for package services</source>
        <translation>Harga panel per 1000, atau per paket untuk layanan paket</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="74"/>
        <source>The smallest quantity the panel accepts</source>
        <translation>Jumlah terkecil yang diterima panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="75"/>
        <source>The largest quantity the panel accepts</source>
        <translation>Jumlah terbesar yang diterima panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="76"/>
        <source>✓: you can ask the panel for a refill</source>
        <translation>✓: Anda bisa meminta refill ke panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="77"/>
        <source>✓: you can ask the panel to cancel the order</source>
        <translation>✓: Anda bisa meminta panel membatalkan pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="78"/>
        <source>✓: the order can be delivered in runs (drip-feed)</source>
        <translation>✓: pesanan bisa dikirim bertahap (drip-feed)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="81"/>
        <source>Favourites: click a star, or press Ctrl+D</source>
        <translation>Favorit: klik bintang, atau tekan Ctrl+D</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="85"/>
        <source>Rate per 1000</source>
        <translation>Harga per 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="86"/>
        <source>Minimum quantity</source>
        <translation>Jumlah minimum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="87"/>
        <source>Maximum quantity</source>
        <translation>Jumlah maksimum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="88"/>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="95"/>
        <source>New · {name}</source>
        <translation>Baru · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="106"/>
        <source>Order this</source>
        <translation>Pesan layanan ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="111"/>
        <source>Refresh catalogue</source>
        <translation>Segarkan katalog</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="114"/>
        <source>Fetch the panel&apos;s services and prices again (F5)</source>
        <translation>Ambil ulang layanan dan harga dari panel (F5)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="121"/>
        <source>Refreshing the catalogue</source>
        <translation>Menyegarkan katalog</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="154"/>
        <source>Services</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="217"/>
        <source>Refreshing the catalogue…</source>
        <translation>Menyegarkan katalog…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="297"/>
        <source>Could not refresh the catalogue: {reason}</source>
        <translation>Tidak dapat menyegarkan katalog: {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="355"/>
        <source>Show all services</source>
        <translation>Tampilkan semua layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="359"/>
        <source>Clear search and filters</source>
        <translation>Hapus pencarian dan filter</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="417"/>
        <source>Loading catalogue…</source>
        <translation>Memuat katalog…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="424"/>
        <source>Fetched {time}</source>
        <translation>Diambil {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="438"/>
        <source>1 service · catalogue from cache, fetched {age}</source>
        <translation>1 layanan · katalog dari cache, diambil {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="440"/>
        <source>{count} services · catalogue from cache, fetched {age}</source>
        <translation>{count} layanan · katalog dari cache, diambil {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="442"/>
        <source>1 service · fetched {age}</source>
        <translation>1 layanan · diambil {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="444"/>
        <source>{count} services · fetched {age}</source>
        <translation>{count} layanan · diambil {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="451"/>
        <source>Catalogue refreshed</source>
        <translation>Katalog disegarkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="453"/>
        <source>Catalogue refreshed: no changes since the last fetch</source>
        <translation>Katalog disegarkan: tidak ada perubahan sejak pengambilan terakhir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="454"/>
        <source>Catalogue refreshed: {new} new, {repriced} re-priced, {gone} no longer listed</source>
        <translation>Katalog disegarkan: {new} baru, {repriced} berubah harga, {gone} tidak tercantum lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="464"/>
        <source>No service matches the search and filters.</source>
        <translation>Tidak ada layanan yang cocok dengan pencarian dan filter.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="472"/>
        <source>1 service was skipped: {entries}</source>
        <translation>1 layanan dilewati: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="474"/>
        <source>{count} services were skipped: {entries}</source>
        <translation>{count} layanan dilewati: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="482"/>
        <source>… and {count} more</source>
        <translation>… dan {count} lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="484"/>
        <source>The panel&apos;s answer had entries SMMDesk could not read. A skipped service that was cached before keeps its cached details here.</source>
        <translation>Respons panel berisi entri yang tidak dapat dibaca SMMDesk. Layanan yang dilewati tetapi sudah di-cache sebelumnya tetap menampilkan detail dari cache di sini.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../smmdesk/settings.py" line="36"/>
        <source>Refresh orders every (seconds)</source>
        <translation>Segarkan pesanan setiap (detik)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="43"/>
        <source>Answer timeout (seconds)</source>
        <translation>Batas waktu respons (detik)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="50"/>
        <source>Connect timeout (seconds)</source>
        <translation>Batas waktu koneksi (detik)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="57"/>
        <source>Requests in flight per panel</source>
        <translation>Request bersamaan per panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="66"/>
        <source>Mass order: orders sent at once</source>
        <translation>Pesanan massal: pesanan yang dikirim sekaligus</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="71"/>
        <source>Refresh orders automatically</source>
        <translation>Segarkan pesanan secara otomatis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="73"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="75"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="79"/>
        <source>Closing the window keeps SMMDesk tracking in the tray</source>
        <translation>Menutup jendela membuat SMMDesk tetap memantau dari tray</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="85"/>
        <source>Orders completed</source>
        <translation>Pesanan selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="86"/>
        <source>Orders gone partial</source>
        <translation>Pesanan menjadi partial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="87"/>
        <source>Orders canceled</source>
        <translation>Pesanan dibatalkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="88"/>
        <source>Orders refunded</source>
        <translation>Pesanan di-refund</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="89"/>
        <source>Refills completed</source>
        <translation>Refill selesai</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="90"/>
        <source>Refills rejected or failed</source>
        <translation>Refill ditolak atau gagal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="91"/>
        <source>Orders that became unconfirmed</source>
        <translation>Pesanan menjadi belum dikonfirmasi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="92"/>
        <source>A balance below its warning</source>
        <translation>Saldo di bawah batas peringatannya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="95"/>
        <source>Prices of services ordered lately changed</source>
        <translation>Harga layanan yang baru-baru ini dipesan berubah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="99"/>
        <source>Active panel</source>
        <translation>Panel aktif</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="112"/>
        <source>Compare prices in</source>
        <translation>Bandingkan harga dalam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="115"/>
        <source>Conversion rates</source>
        <translation>Kurs konversi</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="38"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="118"/>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="40"/>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="43"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Berapa banyak pesanan dari pesanan massal yang dikirim sekaligus. Batch yang sedang dibuat tetap memakai angka lamanya; batch berikutnya yang dimulai atau dilanjutkan memakai angka yang baru.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="60"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="121"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>Berlaku saat SMMDesk dijalankan berikutnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="125"/>
        <source>Notify me when</source>
        <translation>Beri tahu saya saat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="136"/>
        <source>Price board</source>
        <translation>Papan harga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="149"/>
        <source>One currency a line, as CODE=value: what one unit is worth in the currency prices are compared in, for example EUR=1.08. Never looked up online.</source>
        <translation>Satu mata uang per baris, sebagai KODE=nilai: berapa nilai satu unit dalam mata uang pembanding harga, misalnya EUR=1.08. Tidak pernah dicari secara online.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="65"/>
        <source>Talking to the panel…</source>
        <translation>Menghubungi panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="94"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Menyegarkan {done} dari {total} pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="112"/>
        <source>Updated {time}</source>
        <translation>Diperbarui {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="119"/>
        <source>Balance: …</source>
        <translation>Saldo: …</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="124"/>
        <source>Balance: {balance}</source>
        <translation>Saldo: {balance}</translation>
    </message>
</context>
<context>
    <name>StorageProblemDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="83"/>
        <source>SMMDesk cannot open its data</source>
        <translation>SMMDesk tidak dapat membuka datanya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="112"/>
        <source>To keep SMMDesk&apos;s data in another folder, start it with --data-dir, for example: smmdesk --data-dir D:\SMMDesk</source>
        <translation>Untuk menyimpan data SMMDesk di folder lain, jalankan dengan --data-dir, misalnya: smmdesk --data-dir D:\SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="138"/>
        <source>Restore the backup from {time}</source>
        <translation>Pulihkan backup dari {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="141"/>
        <source>Open the history read-only</source>
        <translation>Buka riwayat dalam mode hanya-baca</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="142"/>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="143"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="24"/>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="27"/>
        <source>Copy as tab-separated text with a header row, to paste into a spreadsheet</source>
        <translation>Salin sebagai teks yang dipisahkan tab dengan baris header, untuk ditempel ke spreadsheet</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="38"/>
        <source>Copied 1 order as a table</source>
        <translation>1 pesanan disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="39"/>
        <source>Copied {count} orders as a table</source>
        <translation>{count} pesanan disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="42"/>
        <source>Copied 1 service as a table</source>
        <translation>1 layanan disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="43"/>
        <source>Copied {count} services as a table</source>
        <translation>{count} layanan disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="46"/>
        <source>Copied 1 refill as a table</source>
        <translation>1 refill disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="47"/>
        <source>Copied {count} refills as a table</source>
        <translation>{count} refill disalin sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="52"/>
        <source>Exported 1 order to {path}</source>
        <translation>1 pesanan diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="53"/>
        <source>Exported {count} orders to {path}</source>
        <translation>{count} pesanan diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="56"/>
        <source>Exported 1 service to {path}</source>
        <translation>1 layanan diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="57"/>
        <source>Exported {count} services to {path}</source>
        <translation>{count} layanan diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="60"/>
        <source>Exported 1 refill to {path}</source>
        <translation>1 refill diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="61"/>
        <source>Exported {count} refills to {path}</source>
        <translation>{count} refill diekspor ke {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="68"/>
        <source>Export services</source>
        <translation>Ekspor layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="69"/>
        <source>Save the services shown as a CSV file</source>
        <translation>Simpan layanan yang ditampilkan sebagai file CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="70"/>
        <source>Exporting services</source>
        <translation>Mengekspor layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="73"/>
        <source>Export refills</source>
        <translation>Ekspor refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="74"/>
        <source>Save the refills shown as a CSV file</source>
        <translation>Simpan refill yang ditampilkan sebagai file CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="75"/>
        <source>Exporting refills</source>
        <translation>Mengekspor refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="96"/>
        <source>Copy as table</source>
        <translation>Salin sebagai tabel</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="70"/>
        <source>Export…</source>
        <translation>Ekspor…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="136"/>
        <source>Exporting to {path}…</source>
        <translation>Mengekspor ke {path}…</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../smmdesk/ui/common/text.py" line="27"/>
        <source>{start}… ({count} characters in all)</source>
        <translation>{start}… (total {count} karakter)</translation>
    </message>
</context>
<context>
    <name>TrackOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="53"/>
        <source>CSV or text files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>File CSV atau teks (*.csv *.tsv *.txt);;Semua file (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="56"/>
        <source>Paste the IDs of orders placed on this panel outside SMMDesk — separated by new lines, commas, spaces or tabs — or open a CSV file and pick its ID column. The panel is asked about each; only the IDs it confirms are added, with their status.</source>
        <translation>Tempel ID pesanan yang dibuat di panel ini di luar SMMDesk — dipisahkan baris baru, koma, spasi, atau tab — atau buka file CSV dan pilih kolom ID-nya. Panel akan ditanya tentang setiap ID; hanya ID yang dikonfirmasinya yang ditambahkan, beserta statusnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="72"/>
        <source>Nothing was pasted: {count} characters is more than a list of order IDs. Paste the ID column only, or open the file.</source>
        <translation>Tidak ada yang ditempel: {count} karakter terlalu banyak untuk daftar ID pesanan. Tempel kolom ID saja, atau buka file-nya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="87"/>
        <source>Track existing order IDs</source>
        <translation>Lacak ID pesanan yang sudah ada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="113"/>
        <source>Open CSV file…</source>
        <translation>Buka file CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="118"/>
        <source>The column of the file that holds the order IDs</source>
        <translation>Kolom file yang berisi ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="138"/>
        <source>Track</source>
        <translation>Lacak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="143"/>
        <source>Copy summary</source>
        <translation>Salin ringkasan</translation>
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
        <translation>{count} duplikat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} sudah dilacak</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="220"/>
        <source>Open a file of order IDs</source>
        <translation>Buka file berisi ID pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="260"/>
        <source>{file} · column “{column}”</source>
        <translation>{file} · kolom “{column}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="273"/>
        <source>Asking the panel</source>
        <translation>Menanyakan ke panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="304"/>
        <source>Nothing more was tracked: {problem}</source>
        <translation>Tidak ada lagi yang dilacak: {problem}</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="38"/>
        <source>Open SMMDesk</source>
        <translation>Buka SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="39"/>
        <source>New order…</source>
        <translation>Pesanan baru…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="40"/>
        <source>Refresh now</source>
        <translation>Segarkan sekarang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="42"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="55"/>
        <source>SMMDesk — balance {amounts}</source>
        <translation>SMMDesk — saldo {amounts}</translation>
    </message>
</context>
</TS>
