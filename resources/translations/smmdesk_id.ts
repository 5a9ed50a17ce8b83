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
        <location filename="../../smmdesk/ui/common/format.py" line="93"/>
        <source>just now</source>
        <translation>baru saja</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="95"/>
        <source>{count} min ago</source>
        <translation>{count} menit lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="97"/>
        <source>{count} h ago</source>
        <translation>{count} jam lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>1 day ago</source>
        <translation>1 hari lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="101"/>
        <source>{count} days ago</source>
        <translation>{count} hari lalu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Terakhir disegarkan {time} · {checked} diperiksa, {changed} berubah</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="109"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Terakhir disegarkan {time} · {checked} diperiksa, {changed} berubah, 1 kesalahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="113"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Terakhir disegarkan {time} · {checked} diperiksa, {changed} berubah, {errors} kesalahan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="136"/>
        <source>Refill</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="137"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="138"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (tipe tidak dikenal)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="146"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Harga {rate} · Min {min}, max {max}</translation>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="288"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="343"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="116"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="264"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="268"/>
        <source>&amp;Settings…</source>
        <translation>Pen&amp;gaturan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="273"/>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="277"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="281"/>
        <source>&amp;Find</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="285"/>
        <source>&amp;Command palette…</source>
        <translation>Palet p&amp;erintah…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="309"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;Tentang SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="312"/>
        <source>Open &amp;log folder</source>
        <translation>Buka folder &amp;log</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="317"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="321"/>
        <source>Manage panels…</source>
        <translation>Kelola panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="333"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="337"/>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
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
        <location filename="../../smmdesk/ui/notify/wording.py" line="39"/>
        <source>A refill</source>
        <translation>1 refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="41"/>
        <source>{count} refills</source>
        <translation>{count} refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="43"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="61"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} {verb} di {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="58"/>
        <source>Order {id}</source>
        <translation>Pesanan {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{count} orders</source>
        <translation>{count} pesanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="73"/>
        <source>Order {ids}</source>
        <translation>Pesanan {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="75"/>
        <source>Orders {ids}</source>
        <translation>Pesanan {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source> and {count} more</source>
        <translation> dan {count} lainnya</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>1 pesanan di {panel} mungkin sudah atau belum dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="87"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>{count} pesanan di {panel} mungkin sudah atau belum dibuat</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="88"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Periksa daftar pesanan di panel, lalu selesaikan atau abaikan di tab Belum dikonfirmasi.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="95"/>
        <source>Balance on {panel} is low</source>
        <translation>Saldo di {panel} menipis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="96"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>Sisa {balance}; batas peringatan diatur di {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="105"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>Layanan yang Anda pesan berubah di {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="107"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>{count} layanan yang Anda pesan berubah di {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: tidak tercantum lagi</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="117"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="125"/>
        <source>and {count} more</source>
        <translation>dan {count} lainnya</translation>
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
        <location filename="../../smmdesk/ui/prices/board_model.py" line="36"/>
        <source>not compared</source>
        <translation>tidak dibandingkan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="57"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="58"/>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="59"/>
        <source>Type</source>
        <translation>Tipe</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="60"/>
        <source>Rate</source>
        <translation>Harga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="61"/>
        <source>Panel&apos;s rate</source>
        <translation>Harga panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="62"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Refill</source>
        <translation>Refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="80"/>
        <source>Lifetime</source>
        <translation>Lifetime</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="82"/>
        <source>No refill</source>
        <translation>Tanpa refill</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="84"/>
        <source>{count} days</source>
        <translation>{count} hari</translation>
    </message>
</context>
<context>
    <name>PriceBoardPane</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="61"/>
        <source>Search every panel: words in any order…</source>
        <translation>Cari di semua panel: kata dalam urutan apa pun…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="69"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Bandingkan dalam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Rates…</source>
        <translation>&amp;Kurs…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Order on this panel</source>
        <translation>&amp;Pesan di panel ini</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="148"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Membaca katalog setiap panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="176"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Belum ada katalog yang di-cache: buka tab Layanan suatu panel sekali untuk mengambilnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="183"/>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="186"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 panel, {services} layanan, termurah lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="188"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} panel, {services} layanan, termurah lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="193"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Tidak dibandingkan (tidak ada kurs konversi untuk {currencies}): tambahkan lewat Kurs…</translation>
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
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="34"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="108"/>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="35"/>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="36"/>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Berapa banyak pesanan dari pesanan massal yang dikirim sekaligus. Batch yang sedang dibuat tetap memakai angka lamanya; batch berikutnya yang dimulai atau dilanjutkan memakai angka yang baru.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="56"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="111"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>Berlaku saat SMMDesk dijalankan berikutnya.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="115"/>
        <source>Notify me when</source>
        <translation>Beri tahu saya saat</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="57"/>
        <source>Talking to the panel…</source>
        <translation>Menghubungi panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="86"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Menyegarkan {done} dari {total} pesanan…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="104"/>
        <source>Updated {time}</source>
        <translation>Diperbarui {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="111"/>
        <source>Balance: …</source>
        <translation>Saldo: …</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="116"/>
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
