<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="32"/>
        <source>About SMMDesk</source>
        <translation>Acerca de SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="43"/>
        <source>A desktop for resellers of SMM panel services (API v2).</source>
        <translation>Un escritorio para revendedores de servicios de paneles SMM (API v2).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="49"/>
        <source>Data folder: {path}</source>
        <translation>Carpeta de datos: {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="50"/>
        <source>Log folder: {path}</source>
        <translation>Carpeta de registros: {path}</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="74"/>
        <source>Run a command</source>
        <translation>Ejecutar un comando</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="80"/>
        <source>Type a command: refresh, new order, settings…</source>
        <translation>Escribe un comando: actualizar, nuevo pedido, ajustes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="82"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="87"/>
        <source>Matching commands</source>
        <translation>Comandos coincidentes</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="36"/>
        <source>Keys are kept for this session only, and none was entered for this panel yet.</source>
        <translation>Las claves se guardan solo para esta sesión y todavía no se ha introducido ninguna para este panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="67"/>
        <source>No API key is stored for “{panel}”. Open Panels… and enter the key.</source>
        <translation>No hay ninguna clave API guardada para «{panel}». Abre Paneles… e introduce la clave.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="71"/>
        <source>SMMDesk cannot read the API key of “{panel}”. {problem}</source>
        <translation>SMMDesk no puede leer la clave API de «{panel}». {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="79"/>
        <source>Panel {id} no longer exists.</source>
        <translation>El panel {id} ya no existe.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="258"/>
        <source>The proxy of “{panel}” cannot be used. {problem} Correct it in Panels…</source>
        <translation>No se puede usar el proxy de «{panel}». {problem} Corrígelo en Paneles…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/errors.py" line="18"/>
        <source>SMMDesk hit a bug while {doing} ({error}). Nothing was lost; the details are in the log file.</source>
        <translation>SMMDesk ha encontrado un fallo mientras estaba {doing} ({error}). No se ha perdido nada; los detalles están en el archivo de registro.</translation>
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
        <translation>Revisa la clave en Paneles…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="61"/>
        <source>The panel refused</source>
        <translation>Rechazado por el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="63"/>
        <source>No answer from the panel</source>
        <translation>El panel no responde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="65"/>
        <source>Cannot reach the panel</source>
        <translation>No se puede conectar con el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="67"/>
        <source>Connection problem</source>
        <translation>Problema de conexión</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="69"/>
        <source>Unexpected answer from the panel</source>
        <translation>Respuesta inesperada del panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="72"/>
        <source>Invalid panel URL</source>
        <translation>URL del panel no válida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="74"/>
        <source>The system keyring is not available</source>
        <translation>El llavero del sistema no está disponible</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="79"/>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="81"/>
        <source>Cannot do that now</source>
        <translation>No se puede hacer ahora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="83"/>
        <location filename="../../smmdesk/ui/common/errors.py" line="85"/>
        <source>Internal error</source>
        <translation>Error interno</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="84"/>
        <source>SMMDesk hit a bug ({name}).</source>
        <translation>SMMDesk ha encontrado un fallo ({name}).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="98"/>
        <source>Check your connection or the panel&apos;s proxy setting, then try again.</source>
        <translation>Revisa tu conexión o el proxy configurado para el panel y vuelve a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="103"/>
        <source>Please report it with the log file (Help ▸ Open log folder).</source>
        <translation>Infórmalo adjuntando el archivo de registro (Ayuda ▸ Abrir carpeta de registros).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="106"/>
        <source>The panel may be down, behind a browser check, or the URL may not be its API endpoint.</source>
        <translation>Puede que el panel esté caído o tras una verificación del navegador, o que la URL no sea la de su API.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="111"/>
        <source>Storage problem</source>
        <translation>Problema de almacenamiento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="113"/>
        <source>The disk is full</source>
        <translation>El disco está lleno</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="114"/>
        <source>Cannot write to the data folder</source>
        <translation>No se puede escribir en la carpeta de datos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="115"/>
        <source>The database is damaged</source>
        <translation>La base de datos está dañada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="116"/>
        <source>The database is in use</source>
        <translation>La base de datos está en uso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="117"/>
        <source>Cannot open the database</source>
        <translation>No se puede abrir la base de datos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="118"/>
        <source>Disk error</source>
        <translation>Error de disco</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="24"/>
        <source>per 1000</source>
        <translation>por 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="25"/>
        <source>per package</source>
        <translation>por paquete</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="56"/>
        <source>{rate} per package</source>
        <translation>{rate} por paquete</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="57"/>
        <source>{rate} per 1000</source>
        <translation>{rate} por 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="93"/>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="95"/>
        <source>{count} min ago</source>
        <translation>hace {count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="97"/>
        <source>{count} h ago</source>
        <translation>hace {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>1 day ago</source>
        <translation>hace 1 día</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="101"/>
        <source>{count} days ago</source>
        <translation>hace {count} días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Última actualización {time} · {checked} revisados, {changed} con cambios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="109"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Última actualización {time} · {checked} revisados, {changed} con cambios, 1 error</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="113"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Última actualización {time} · {checked} revisados, {changed} con cambios, {errors} errores</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="136"/>
        <source>Refill</source>
        <translation>Reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="137"/>
        <source>Cancel</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="138"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (tipo desconocido)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="146"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Tarifa {rate} · Mín. {min}, máx. {max}</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="35"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="56"/>
        <source>{doing}…</source>
        <translation>{doing}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="71"/>
        <source>{doing}: {done} of {total}</source>
        <translation>{doing}: {done} de {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/job_progress.py" line="83"/>
        <source>{doing}: stopping…</source>
        <translation>{doing}: deteniendo…</translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="31"/>
        <source>SMMDesk needs the API key of “{panel}”, but cannot read it from the system keyring.
{problem}

Enter the key to use “{panel}” until SMMDesk closes. It is kept in memory only: you will be asked again after a restart.</source>
        <translation>SMMDesk necesita la clave API de «{panel}», pero no puede leerla del llavero del sistema.
{problem}

Introduce la clave para usar «{panel}» hasta que cierres SMMDesk. Solo se guarda en memoria: se te volverá a pedir tras reiniciar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="38"/>
        <source>API key needed</source>
        <translation>Se necesita la clave API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="46"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>Tu clave API, de la página API del panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="48"/>
        <source>API key</source>
        <translation>Clave API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="52"/>
        <source>Use for this session</source>
        <translation>Usar en esta sesión</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="57"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="72"/>
        <source>O&amp;verview</source>
        <translation>&amp;Resumen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="73"/>
        <source>&amp;Services</source>
        <translation>&amp;Servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="74"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="288"/>
        <source>&amp;New order</source>
        <translation>&amp;Nuevo pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="75"/>
        <source>&amp;Mass order</source>
        <translation>Pedido &amp;masivo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="76"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="343"/>
        <source>&amp;Orders</source>
        <translation>&amp;Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="77"/>
        <source>&amp;Refills</source>
        <translation>Rep&amp;osiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="78"/>
        <source>&amp;Prices</source>
        <translation>Pre&amp;cios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="79"/>
        <source>&amp;Insight</source>
        <translation>Anál&amp;isis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="116"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="264"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Paneles…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="268"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="273"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="277"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="281"/>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="285"/>
        <source>&amp;Command palette…</source>
        <translation>Paleta de coman&amp;dos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="309"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;Acerca de SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="312"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir carpeta de &amp;registros</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="317"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="321"/>
        <source>Manage panels…</source>
        <translation>Gestionar paneles…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="333"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="337"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../smmdesk/ui/common/notice_banner.py" line="39"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="16"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="22"/>
        <source>completed</source>
        <translation>completado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="17"/>
        <source>went partial</source>
        <translation>parcial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="18"/>
        <source>canceled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="19"/>
        <source>refunded</source>
        <translation>reembolsado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="23"/>
        <source>rejected or failed</source>
        <translation>rechazado o fallido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="39"/>
        <source>A refill</source>
        <translation>Una reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="41"/>
        <source>{count} refills</source>
        <translation>{count} reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="43"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="61"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} en {panel}: estado {verb}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="58"/>
        <source>Order {id}</source>
        <translation>Pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{count} orders</source>
        <translation>{count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="73"/>
        <source>Order {ids}</source>
        <translation>Pedido {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="75"/>
        <source>Orders {ids}</source>
        <translation>Pedidos {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source> and {count} more</source>
        <translation> y {count} más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>Puede que un pedido en {panel} se haya realizado o no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="87"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>Puede que {count} pedidos en {panel} se hayan realizado o no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="88"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Revisa la lista de pedidos del panel y luego resuélvelos o descártalos en Sin confirmar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="95"/>
        <source>Balance on {panel} is low</source>
        <translation>Saldo bajo en {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="96"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>Quedan {balance}; el aviso está fijado en {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="105"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>Ha cambiado en {panel} un servicio que pediste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="107"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>Han cambiado en {panel} {count} servicios que pediste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: ya no aparece en la lista</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="117"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="125"/>
        <source>and {count} more</source>
        <translation>y {count} más</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="70"/>
        <source>The amount cannot be negative.</source>
        <translation>El importe no puede ser negativo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="75"/>
        <source>At most {count} decimals, as panels keep.</source>
        <translation>Como máximo {count} decimales, como usan los paneles.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="86"/>
        <source>Type an amount such as {example}, or leave it empty for no warning.</source>
        <translation>Escribe un importe como {example}, o déjalo vacío para no recibir avisos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="47"/>
        <source>1 order unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>1 pedido sin confirmar en {panel}: revisa el panel y luego resuélvelo o descártalo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="50"/>
        <source>{count} orders unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>{count} pedidos sin confirmar en {panel}: revisa el panel y luego resuélvelos o descártalos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="57"/>
        <source>1 order refused on {panel} since yesterday</source>
        <translation>1 pedido rechazado en {panel} desde ayer</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="58"/>
        <source>{count} orders refused on {panel} since yesterday</source>
        <translation>{count} pedidos rechazados en {panel} desde ayer</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="62"/>
        <source>1 order partial on {panel}, refill still possible</source>
        <translation>1 pedido parcial en {panel}, aún se puede pedir reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="63"/>
        <source>{count} orders partial on {panel}, refill still possible</source>
        <translation>{count} pedidos parciales en {panel}, aún se puede pedir reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="139"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="260"/>
        <source>Show these orders in the Orders tab</source>
        <translation>Mostrar estos pedidos en la pestaña Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="147"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="227"/>
        <source>Link: shows these orders in the Orders tab</source>
        <translation>Enlace: muestra estos pedidos en la pestaña Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="26"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="27"/>
        <source>The panel; the demo panel&apos;s money is pretend</source>
        <translation>El panel; el dinero del panel de demostración es ficticio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="30"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="31"/>
        <source>The balance as last fetched, and whether it is below your warning</source>
        <translation>El saldo según la última consulta, y si está por debajo de tu aviso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="36"/>
        <source>Warn below</source>
        <translation>Avisar por debajo de</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="37"/>
        <source>Warn when the balance is below this amount (edit in place)</source>
        <translation>Avisar cuando el saldo baje de este importe (editable aquí mismo)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="40"/>
        <source>Active</source>
        <translation>Activos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="41"/>
        <source>Orders pending or in progress</source>
        <translation>Pedidos pendientes o en progreso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="44"/>
        <source>Unconfirmed</source>
        <translation>Sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="45"/>
        <source>Orders whose placing is unclear: check them on the panel</source>
        <translation>Pedidos de los que no se sabe si se realizaron: revísalos en el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="48"/>
        <source>Failed refills</source>
        <translation>Reposiciones fallidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="49"/>
        <source>Orders whose latest refill was refused, rejected or failed (last 30 days)</source>
        <translation>Pedidos cuya última reposición fue denegada, rechazada o fallida (últimos 30 días)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="54"/>
        <source>Spent today</source>
        <translation>Gastado hoy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="55"/>
        <source>Charged for orders placed today, per currency</source>
        <translation>Cargo de los pedidos realizados hoy, por moneda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="58"/>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="59"/>
        <source>Charged for orders placed in the last 7 days, per currency</source>
        <translation>Cargo de los pedidos realizados en los últimos 7 días, por moneda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="62"/>
        <source>30 days</source>
        <translation>30 días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="63"/>
        <source>Charged for orders placed in the last 30 days, per currency</source>
        <translation>Cargo de los pedidos realizados en los últimos 30 días, por moneda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="78"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="81"/>
        <source>Read the figures again and fetch every panel&apos;s balance</source>
        <translation>Volver a leer las cifras y consultar el saldo de cada panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="92"/>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="100"/>
        <source>Nothing needs your attention.</source>
        <translation>Nada requiere tu atención.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="124"/>
        <source>The Demo panel&apos;s balance is pretend money: orders placed there are simulated and cost nothing. Add your own panel to see its balance, its orders and what you spend here, next to every other panel you use.</source>
        <translation>El saldo del panel de demostración es dinero ficticio: los pedidos que hagas allí son simulados y no cuestan nada. Añade tu propio panel para ver aquí su saldo, sus pedidos y lo que gastas, junto a todos los demás paneles que uses.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="131"/>
        <source>&amp;Add your panel…</source>
        <translation>&amp;Añadir tu panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="258"/>
        <source>Double-click or press F2 to change; empty: no warning</source>
        <translation>Doble clic o F2 para cambiarlo; vacío: sin aviso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="110"/>
        <source>Reading the figures…</source>
        <translation>Leyendo las cifras…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="139"/>
        <source>Figures of {time}</source>
        <translation>Cifras de las {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="153"/>
        <source>The figures could not be read: {problem}</source>
        <translation>No se pudieron leer las cifras: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="217"/>
        <source>Warning for {panel} not changed: {problem}</source>
        <translation>No se cambió el aviso de {panel}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="48"/>
        <source>{name} (pretend money)</source>
        <translation>{name} (dinero ficticio)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="58"/>
        <source>{money} · low</source>
        <translation>{money} · bajo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="67"/>
        <source>Last known balance: {money}</source>
        <translation>Último saldo conocido: {money}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="69"/>
        <source>The balance has not been fetched yet.</source>
        <translation>Todavía no se ha consultado el saldo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="72"/>
        <source>Below your warning of {money}.</source>
        <translation>Por debajo de tu aviso de {money}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="74"/>
        <source>The demo panel&apos;s money is pretend: nothing is real.</source>
        <translation>El dinero del panel de demostración es ficticio: nada es real.</translation>
    </message>
</context>
<context>
    <name>PanelListModel</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="58"/>
        <source>Built-in demo panel: no key needed</source>
        <translation>Panel de demostración integrado: no necesita clave</translation>
    </message>
</context>
<context>
    <name>PanelSwitcher</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="75"/>
        <source>Active panel</source>
        <translation>Panel activo</translation>
    </message>
</context>
<context>
    <name>PanelsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="20"/>
        <source>optional, e.g. socks5://user:password@host:1080</source>
        <translation>opcional, p. ej. socks5://user:password@host:1080</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="22"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="24"/>
        <source>Most panels allow 60 to 120 requests a minute per key. Set the panel&apos;s limit here so SMMDesk never exceeds it; leave empty for no limit.</source>
        <translation>La mayoría de los paneles permiten de 60 a 120 solicitudes por minuto por clave. Indica aquí el límite del panel para que SMMDesk nunca lo supere; déjalo vacío para no poner límite.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="14"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>Tu clave API, de la página API del panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="15"/>
        <source>Type a new key to replace it</source>
        <translation>Escribe una clave nueva para reemplazarla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="25"/>
        <source>Key: saved in the system keyring.</source>
        <translation>Clave: guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="27"/>
        <source>Key: kept for this session only; enter it again after restarting SMMDesk.</source>
        <translation>Clave: guardada solo para esta sesión; vuelve a introducirla tras reiniciar SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="33"/>
        <source>Key: none for this session (the system keyring is not in use).</source>
        <translation>Clave: ninguna en esta sesión (no se usa el llavero del sistema).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="38"/>
        <source>Key: no key saved.</source>
        <translation>Clave: no hay ninguna clave guardada.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="39"/>
        <source>Key: the system keyring cannot be read. {problem}</source>
        <translation>Clave: no se puede leer el llavero del sistema. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="46"/>
        <source>The API key of removed panel “{panel}” may still be in the system keyring (SMMDesk closed before deleting it).</source>
        <translation>Puede que la clave API del panel eliminado «{panel}» siga en el llavero del sistema (SMMDesk se cerró antes de borrarla).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="51"/>
        <source>The API key of removed panel “{panel}” could not be deleted from the system keyring: {problem}</source>
        <translation>No se pudo borrar del llavero del sistema la clave API del panel eliminado «{panel}»: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="61"/>
        <source>Retry deleting the keys</source>
        <translation>Reintentar borrar las claves</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="62"/>
        <source>Retry deleting the key</source>
        <translation>Reintentar borrar la clave</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="69"/>
        <source>The key and proxy password cannot be saved</source>
        <translation>No se pueden guardar la clave ni la contraseña del proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="70"/>
        <source>{why}

Keep the key and proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

¿Guardar la clave y la contraseña del proxy en memoria solo para esta sesión? Tendrás que volver a introducirlas tras reiniciar SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="76"/>
        <source>The key cannot be saved</source>
        <translation>No se puede guardar la clave</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="77"/>
        <source>{why}

Keep the key in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

¿Guardar la clave en memoria solo para esta sesión? Tendrás que volver a introducirla tras reiniciar SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="83"/>
        <source>The proxy password cannot be saved</source>
        <translation>No se puede guardar la contraseña del proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="84"/>
        <source>{why}

Keep the proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

¿Guardar la contraseña del proxy en memoria solo para esta sesión? Tendrás que volver a introducirla tras reiniciar SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="12"/>
        <source>The built-in demo panel needs no key and cannot be edited or removed.</source>
        <translation>El panel de demostración integrado no necesita clave y no se puede editar ni eliminar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="19"/>
        <source>Remove “{panel}”? Its cached catalogue and the order history kept on this computer are deleted too; orders on the panel itself are not affected.</source>
        <translation>¿Eliminar «{panel}»? También se borrarán su catálogo en caché y el historial de pedidos guardado en este equipo; los pedidos en el propio panel no se verán afectados.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <source>Remove panel</source>
        <translation>Eliminar panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="29"/>
        <source>This API URL uses plain http://, so your API key and orders would travel unencrypted and could be read by anyone on the network path.

Use it anyway?</source>
        <translation>Esta URL de API usa http:// sin cifrar, así que tu clave API y tus pedidos viajarían sin cifrado y cualquiera en la ruta de red podría leerlos.

¿Usarla de todos modos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="35"/>
        <source>Unencrypted connection</source>
        <translation>Conexión sin cifrar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="36"/>
        <source>Use http:// anyway</source>
        <translation>Usar http:// de todos modos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="79"/>
        <source>Panels</source>
        <translation>Paneles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="112"/>
        <source>e.g. My main panel</source>
        <translation>p. ej. Mi panel principal</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="119"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="122"/>
        <source>Show or hide the key</source>
        <translation>Mostrar u ocultar la clave</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="126"/>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="129"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="169"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="170"/>
        <source>API URL</source>
        <translation>URL de la API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="171"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="172"/>
        <source>Requests a minute</source>
        <translation>Solicitudes por minuto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="173"/>
        <source>API key</source>
        <translation>Clave API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="233"/>
        <source>Enter the API key (from the panel&apos;s API page).</source>
        <translation>Introduce la clave API (de la página API del panel).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="261"/>
        <source>Enter the API key to test the connection.</source>
        <translation>Introduce la clave API para probar la conexión.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="268"/>
        <source>Testing the connection…</source>
        <translation>Probando la conexión…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="275"/>
        <source>Connected. Balance: {balance}</source>
        <translation>Conectado. Saldo: {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="292"/>
        <source>The key is kept in memory for this session only.</source>
        <translation>La clave se guarda en memoria solo para esta sesión.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="327"/>
        <source>Key: {problem}</source>
        <translation>Clave: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="372"/>
        <source>Key: checking where it is…</source>
        <translation>Clave: comprobando dónde está…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="377"/>
        <source>New panel</source>
        <translation>Nuevo panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="399"/>
        <source>A panel needs a name and its API URL.</source>
        <translation>Un panel necesita un nombre y la URL de su API.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="414"/>
        <source>Use the panel&apos;s https:// address.</source>
        <translation>Usa la dirección https:// del panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="429"/>
        <source>Use for this session only</source>
        <translation>Usar solo en esta sesión</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="434"/>
        <source>Saved without a key: enter it again when a keyring works.</source>
        <translation>Guardado sin clave: vuelve a introducirla cuando funcione un llavero.</translation>
    </message>
</context>
<context>
    <name>PriceBoardModel</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="36"/>
        <source>not compared</source>
        <translation>sin comparar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="57"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="58"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="59"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="60"/>
        <source>Rate</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="61"/>
        <source>Panel&apos;s rate</source>
        <translation>Tarifa del panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="62"/>
        <source>Min</source>
        <translation>Mín.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Max</source>
        <translation>Máx.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Refill</source>
        <translation>Reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Cancel</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="80"/>
        <source>Lifetime</source>
        <translation>De por vida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="82"/>
        <source>No refill</source>
        <translation>Sin reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="84"/>
        <source>{count} days</source>
        <translation>{count} días</translation>
    </message>
</context>
<context>
    <name>PriceBoardPane</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="61"/>
        <source>Search every panel: words in any order…</source>
        <translation>Buscar en todos los paneles: palabras en cualquier orden…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="69"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Comparar en</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Rates…</source>
        <translation>&amp;Tipos de cambio…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Order on this panel</source>
        <translation>&amp;Pedir en este panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="148"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Leyendo el catálogo de cada panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="176"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Aún no hay ningún catálogo en caché: abre una vez la pestaña Servicios de un panel para descargarlo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="183"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="186"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 panel, {services} servicios, del más barato al más caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="188"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} paneles, {services} servicios, del más barato al más caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="193"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Sin comparar (no hay tipo de cambio para {currencies}): añade uno en Tipos de cambio…</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="22"/>
        <source>One currency a line, as CODE=value: what one unit is worth in {board}. For example EUR=1.08 or INR=0.012. Lines that do not read so are left out.</source>
        <translation>Una moneda por línea, como CÓDIGO=valor: lo que vale una unidad en {board}. Por ejemplo EUR=1.08 o INR=0.012. Las líneas que no sigan este formato se ignoran.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="27"/>
        <source>Conversion rates</source>
        <translation>Tipos de cambio</translation>
    </message>
</context>
<context>
    <name>RecoveryNotice</name>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="26"/>
        <source>1 order was being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>Se estaba enviando 1 pedido cuando SMMDesk se cerró por última vez. Está marcado como Sin confirmar: revísalo en su panel y luego resuélvelo o descártalo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="32"/>
        <source>{count} orders were being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>Se estaban enviando {count} pedidos cuando SMMDesk se cerró por última vez. Están marcados como Sin confirmar: revisa cada uno en su panel y luego resuélvelo o descártalo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="37"/>
        <source>Show unconfirmed orders</source>
        <translation>Mostrar pedidos sin confirmar</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../smmdesk/settings.py" line="36"/>
        <source>Refresh orders every (seconds)</source>
        <translation>Actualizar pedidos cada (segundos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="43"/>
        <source>Answer timeout (seconds)</source>
        <translation>Tiempo de espera de respuesta (segundos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="50"/>
        <source>Connect timeout (seconds)</source>
        <translation>Tiempo de espera de conexión (segundos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="57"/>
        <source>Requests in flight per panel</source>
        <translation>Solicitudes simultáneas por panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="66"/>
        <source>Mass order: orders sent at once</source>
        <translation>Pedido masivo: pedidos enviados a la vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="71"/>
        <source>Refresh orders automatically</source>
        <translation>Actualizar pedidos automáticamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="73"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="75"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="79"/>
        <source>Closing the window keeps SMMDesk tracking in the tray</source>
        <translation>Al cerrar la ventana, SMMDesk sigue el seguimiento desde la bandeja del sistema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="85"/>
        <source>Orders completed</source>
        <translation>Pedidos completados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="86"/>
        <source>Orders gone partial</source>
        <translation>Pedidos que pasan a parcial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="87"/>
        <source>Orders canceled</source>
        <translation>Pedidos cancelados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="88"/>
        <source>Orders refunded</source>
        <translation>Pedidos reembolsados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="89"/>
        <source>Refills completed</source>
        <translation>Reposiciones completadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="90"/>
        <source>Refills rejected or failed</source>
        <translation>Reposiciones rechazadas o fallidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="91"/>
        <source>Orders that became unconfirmed</source>
        <translation>Pedidos que quedan sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="92"/>
        <source>A balance below its warning</source>
        <translation>Saldo por debajo de su aviso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="95"/>
        <source>Prices of services ordered lately changed</source>
        <translation>Cambios de precio en servicios pedidos recientemente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="99"/>
        <source>Active panel</source>
        <translation>Panel activo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="112"/>
        <source>Compare prices in</source>
        <translation>Comparar precios en</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="115"/>
        <source>Conversion rates</source>
        <translation>Tipos de cambio</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="34"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="108"/>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="35"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="36"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Cuántos pedidos de un pedido masivo se envían a la vez. Un lote que ya se está enviando mantiene su número; el siguiente que se inicie o reanude usará el nuevo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="56"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="111"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>Se aplica la próxima vez que se inicie SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="115"/>
        <source>Notify me when</source>
        <translation>Avisarme de</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="57"/>
        <source>Talking to the panel…</source>
        <translation>Comunicando con el panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="86"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Actualizando {done} de {total} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="104"/>
        <source>Updated {time}</source>
        <translation>Actualizado {time}</translation>
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
        <translation>SMMDesk no puede abrir sus datos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="112"/>
        <source>To keep SMMDesk&apos;s data in another folder, start it with --data-dir, for example: smmdesk --data-dir D:\SMMDesk</source>
        <translation>Para guardar los datos de SMMDesk en otra carpeta, inícialo con --data-dir, por ejemplo: smmdesk --data-dir D:\SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="138"/>
        <source>Restore the backup from {time}</source>
        <translation>Restaurar la copia de seguridad de {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="141"/>
        <source>Open the history read-only</source>
        <translation>Abrir el historial en solo lectura</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="142"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="143"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="24"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="27"/>
        <source>Copy as tab-separated text with a header row, to paste into a spreadsheet</source>
        <translation>Copiar como texto separado por tabulaciones con fila de encabezado, para pegarlo en una hoja de cálculo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="38"/>
        <source>Copied 1 order as a table</source>
        <translation>1 pedido copiado como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="39"/>
        <source>Copied {count} orders as a table</source>
        <translation>{count} pedidos copiados como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="42"/>
        <source>Copied 1 service as a table</source>
        <translation>1 servicio copiado como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="43"/>
        <source>Copied {count} services as a table</source>
        <translation>{count} servicios copiados como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="46"/>
        <source>Copied 1 refill as a table</source>
        <translation>1 reposición copiada como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="47"/>
        <source>Copied {count} refills as a table</source>
        <translation>{count} reposiciones copiadas como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="52"/>
        <source>Exported 1 order to {path}</source>
        <translation>1 pedido exportado a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="53"/>
        <source>Exported {count} orders to {path}</source>
        <translation>{count} pedidos exportados a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="56"/>
        <source>Exported 1 service to {path}</source>
        <translation>1 servicio exportado a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="57"/>
        <source>Exported {count} services to {path}</source>
        <translation>{count} servicios exportados a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="60"/>
        <source>Exported 1 refill to {path}</source>
        <translation>1 reposición exportada a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="61"/>
        <source>Exported {count} refills to {path}</source>
        <translation>{count} reposiciones exportadas a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="68"/>
        <source>Export services</source>
        <translation>Exportar servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="69"/>
        <source>Save the services shown as a CSV file</source>
        <translation>Guardar los servicios mostrados como archivo CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="70"/>
        <source>Exporting services</source>
        <translation>Exportando servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="73"/>
        <source>Export refills</source>
        <translation>Exportar reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="74"/>
        <source>Save the refills shown as a CSV file</source>
        <translation>Guardar las reposiciones mostradas como archivo CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="75"/>
        <source>Exporting refills</source>
        <translation>Exportando reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="96"/>
        <source>Copy as table</source>
        <translation>Copiar como tabla</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="70"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_exporter.py" line="136"/>
        <source>Exporting to {path}…</source>
        <translation>Exportando a {path}…</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../smmdesk/ui/common/text.py" line="27"/>
        <source>{start}… ({count} characters in all)</source>
        <translation>{start}… ({count} caracteres en total)</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="38"/>
        <source>Open SMMDesk</source>
        <translation>Abrir SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="39"/>
        <source>New order…</source>
        <translation>Nuevo pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="40"/>
        <source>Refresh now</source>
        <translation>Actualizar ahora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="42"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="55"/>
        <source>SMMDesk — balance {amounts}</source>
        <translation>SMMDesk — saldo {amounts}</translation>
    </message>
</context>
</TS>
