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
    <name>AnnotateOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="53"/>
        <source>For the 1 selected order: tick what to change; the rest stays as it is.</source>
        <translation>Para el pedido seleccionado: marca lo que quieras cambiar; el resto se queda como está.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="57"/>
        <source>For the {count} selected orders: tick what to change; the rest stays as each order has it.</source>
        <translation>Para los {count} pedidos seleccionados: marca lo que quieras cambiar; el resto se queda como lo tiene cada pedido.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="64"/>
        <source>Kept in SMMDesk for you, never sent to the panel.</source>
        <translation>Se guarda en SMMDesk solo para ti; nunca se envía al panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="67"/>
        <source>Note, customer and sell price</source>
        <translation>Nota, cliente y precio de venta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="88"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="89"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="90"/>
        <source>Sell price</source>
        <translation>Precio de venta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="147"/>
        <source>Tick to give every selected order this value (empty clears it)</source>
        <translation>Márcalo para dar este valor a todos los pedidos seleccionados (vacío lo borra)</translation>
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
    <name>ConfirmOrder</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="74"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="89"/>
        <source>Place another order for this link?</source>
        <translation>¿Hacer otro pedido para este enlace?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="91"/>
        <source>Place this order?</source>
        <translation>¿Hacer este pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="98"/>
        <source>Active on this link</source>
        <translation>Activos en este enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="103"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="107"/>
        <source>Charge</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="108"/>
        <source>Balance after</source>
        <translation>Saldo después</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="131"/>
        <source>&amp;I have checked: place another order for this link</source>
        <translation>&amp;Lo he comprobado: hacer otro pedido para este enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="136"/>
        <source>&amp;Place another order</source>
        <translation>&amp;Hacer otro pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="149"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="152"/>
        <source>Total quantity</source>
        <translation>Cantidad total</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="160"/>
        <source>1 line:</source>
        <translation>1 línea:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="162"/>
        <source>{count} lines:</source>
        <translation>{count} líneas:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="170"/>
        <source>… and 1 more line</source>
        <translation>… y 1 línea más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="171"/>
        <source>… and {count} more lines</source>
        <translation>… y {count} líneas más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="177"/>
        <source>{start}… ({count} characters)</source>
        <translation>{start}… ({count} caracteres)</translation>
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
    <name>ExtraFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="49"/>
        <source>Field name</source>
        <translation>Nombre del campo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="50"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="136"/>
        <source>Already a form field: {names}</source>
        <translation>Ya es un campo del formulario: {names}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="140"/>
        <source>Each extra field name may appear once</source>
        <translation>Cada nombre de campo extra solo puede aparecer una vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="152"/>
        <source>E&amp;xtra fields</source>
        <translation>Campos e&amp;xtra</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="160"/>
        <source>Extra fields</source>
        <translation>Campos extra</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="167"/>
        <source>Fields the panel takes &amp;beyond the form, sent as typed:</source>
        <translation>Campos que el panel acepta &amp;además del formulario, enviados tal cual:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="173"/>
        <source>Add field</source>
        <translation>Añadir campo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="176"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>Favourites</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="47"/>
        <source>Add to favourites ({shortcut})</source>
        <translation>Añadir a favoritos ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="48"/>
        <source>Remove from favourites ({shortcut})</source>
        <translation>Quitar de favoritos ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="53"/>
        <source>Not a favourite</source>
        <translation>No es favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="54"/>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="56"/>
        <source>No longer listed · {name}</source>
        <translation>Ya no aparece · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="108"/>
        <source>The panel no longer lists this service (starred {time}). Remove its star to take it off your favourites.</source>
        <translation>El panel ya no ofrece este servicio (marcado como favorito el {time}). Quítale la estrella para sacarlo de tus favoritos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="118"/>
        <source>Remove from favourites</source>
        <translation>Quitar de favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="119"/>
        <source>Add to favourites</source>
        <translation>Añadir a favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="125"/>
        <source>{star} Remove from favourites</source>
        <translation>{star} Quitar de favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="126"/>
        <source>{star} Add to favourites</source>
        <translation>{star} Añadir a favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="131"/>
        <source>No favourites yet. Star a service in the {star} column, or select it and press {shortcut}.</source>
        <translation>Aún no hay favoritos. Marca un servicio con la estrella de la columna {star}, o selecciónalo y pulsa {shortcut}.</translation>
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
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="96"/>
        <location filename="../../smmdesk/ui/catalogue/services_view.py" line="128"/>
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
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="102"/>
        <source>{count} min ago</source>
        <translation>hace {count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="104"/>
        <source>{count} h ago</source>
        <translation>hace {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>1 day ago</source>
        <translation>hace 1 día</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="108"/>
        <source>{count} days ago</source>
        <translation>hace {count} días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="114"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Última actualización {time} · {checked} revisados, {changed} con cambios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="116"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Última actualización {time} · {checked} revisados, {changed} con cambios, 1 error</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="120"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Última actualización {time} · {checked} revisados, {changed} con cambios, {errors} errores</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="143"/>
        <source>Refill</source>
        <translation>Reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>Cancel</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="145"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="151"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (tipo desconocido)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="153"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Tarifa {rate} · Mín. {min}, máx. {max}</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="32"/>
        <source>&amp;Reports</source>
        <translation>In&amp;formes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="33"/>
        <source>&amp;Scorecard</source>
        <translation>Rendimien&amp;to</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="34"/>
        <source>Re&amp;fill windows</source>
        <translation>P&amp;lazos de reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="35"/>
        <source>Price &amp;watch</source>
        <translation>&amp;Vigilancia de precios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>1 order</source>
        <translation>1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="28"/>
        <source>{count} orders</source>
        <translation>{count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>1 day</source>
        <translation>1 día</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>{count} days</source>
        <translation>{count} días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="43"/>
        <source>under a minute</source>
        <translation>menos de un minuto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="45"/>
        <source>{count} min</source>
        <translation>{count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="49"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="52"/>
        <source>{count} h</source>
        <translation>{count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="57"/>
        <source>1 day {hours} h</source>
        <translation>1 día {hours} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="58"/>
        <source>{count} days {hours} h</source>
        <translation>{count} días {hours} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="67"/>
        <source>no timed order yet</source>
        <translation>aún no hay pedidos con tiempos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="68"/>
        <source>median {duration} ({orders})</source>
        <translation>mediana {duration} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="78"/>
        <source>median {duration}, {p90} ({orders})</source>
        <translation>mediana {duration}, {p90} ({orders})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="93"/>
        <source>slowest {duration}</source>
        <translation>el más lento en {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="96"/>
        <source>90% within {duration}</source>
        <translation>el 90% en {duration} o menos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="103"/>
        <source>{percent}% ({count} of {total})</source>
        <translation>{percent}% ({count} de {total})</translation>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="302"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="357"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="117"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="278"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Paneles…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="282"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="287"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="291"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="295"/>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="299"/>
        <source>&amp;Command palette…</source>
        <translation>Paleta de coman&amp;dos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="323"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;Acerca de SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="326"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir carpeta de &amp;registros</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="331"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="335"/>
        <source>Manage panels…</source>
        <translation>Gestionar paneles…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="347"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="359"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
</context>
<context>
    <name>MarkupsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="59"/>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="60"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="61"/>
        <source>Markup</source>
        <translation>Margen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="82"/>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="205"/>
        <source>Customer</source>
        <translation>Cliente</translation>
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
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="101"/>
        <source>Service {id}</source>
        <translation>Servicio {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="159"/>
        <source>Markups</source>
        <translation>Márgenes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="161"/>
        <source>A new order&apos;s sell price is its charge plus its customer&apos;s markup, else its service&apos;s. Orders placed before keep their price.</source>
        <translation>El precio de venta de un pedido nuevo es su cargo más el margen de su cliente o, si no hay, el de su servicio. Los pedidos ya realizados mantienen su precio.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="213"/>
        <source>Service {id} · {name}</source>
        <translation>Servicio {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="228"/>
        <source>Remove selected</source>
        <translation>Eliminar seleccionado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="237"/>
        <source>e.g. 30%</source>
        <translation>p. ej. 30%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="246"/>
        <source>Set</source>
        <translation>Fijar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="259"/>
        <source>Name the customer first.</source>
        <translation>Primero indica el nombre del cliente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="274"/>
        <source>Select the markup to remove.</source>
        <translation>Selecciona el margen que quieres eliminar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="305"/>
        <source>Type the markup, such as 30%.</source>
        <translation>Escribe el margen, por ejemplo 30%.</translation>
    </message>
</context>
<context>
    <name>MassCheck</name>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="18"/>
        <source>No service ID on this line</source>
        <translation>Esta línea no tiene ID de servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="20"/>
        <source>{panel}&apos;s services are not loaded: check the batch again</source>
        <translation>Los servicios de {panel} no están cargados: vuelve a revisar el lote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="23"/>
        <source>The batch&apos;s panel no longer exists: choose another one</source>
        <translation>El panel del lote ya no existe: elige otro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="26"/>
        <source>No panel is called &apos;{name}&apos; (your panels: {names})</source>
        <translation>Ningún panel se llama &apos;{name}&apos; (tus paneles: {names})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="29"/>
        <source>No panel is called &apos;{name}&apos; (your panels: none yet)</source>
        <translation>Ningún panel se llama &apos;{name}&apos; (tus paneles: ninguno todavía)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="32"/>
        <source>{panel}&apos;s services have not been fetched yet: open Services first</source>
        <translation>Aún no se han descargado los servicios de {panel}: abre primero Servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="36"/>
        <source>{panel} has no service {service}</source>
        <translation>{panel} no tiene el servicio {service}</translation>
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
        <translation>La línea {number} tiene el mismo enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="44"/>
        <source>Line {number} has the same account</source>
        <translation>La línea {number} tiene la misma cuenta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="46"/>
        <source>An active order {order} on {panel} has this link{more}</source>
        <translation>Un pedido activo {order} en {panel} tiene este enlace{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="49"/>
        <source>An active order {order} on {panel} has this account{more}</source>
        <translation>Un pedido activo {order} en {panel} tiene esta cuenta{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="52"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this link{more}: check that panel&apos;s order list first</source>
        <translation>Puede que un pedido sin confirmar ({order}) en {panel} ya esté en curso para este enlace{more}: revisa primero la lista de pedidos de ese panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="59"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this account{more}: check that panel&apos;s order list first</source>
        <translation>Puede que un pedido sin confirmar ({order}) en {panel} ya esté en curso para esta cuenta{more}: revisa primero la lista de pedidos de ese panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="65"/>
        <source>order {id}</source>
        <translation>pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="66"/>
        <source> (and {count} more)</source>
        <translation> (y {count} más)</translation>
    </message>
</context>
<context>
    <name>MassLines</name>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="27"/>
        <source>The file is {size}; a batch file is at most {limit}. Split it into smaller files.</source>
        <translation>El archivo ocupa {size}; un archivo de lote ocupa como máximo {limit}. Divídelo en archivos más pequeños.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="31"/>
        <source>The text has {count} characters; a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>El texto tiene {count} caracteres; un lote tiene como máximo {limit}. Divídelo en lotes más pequeños.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="36"/>
        <source>The text has {count} lines; a batch is at most {limit} lines. Split it into smaller batches.</source>
        <translation>El texto tiene {count} líneas; un lote tiene como máximo {limit} líneas. Divídelo en lotes más pequeños.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="41"/>
        <source>This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or UTF-16) and open it again.</source>
        <translation>Este archivo no es texto que SMMDesk pueda leer: guárdalo como CSV o texto plano (UTF-8 o UTF-16) y vuelve a abrirlo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="46"/>
        <source>Write each order as service ID|link|quantity</source>
        <translation>Escribe cada pedido como ID de servicio|enlace|cantidad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="47"/>
        <source>The header has no service column: name it service</source>
        <translation>El encabezado no tiene columna de servicio: llámala service</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="48"/>
        <source>Column(s) {columns} are not order fields and are left out (known: {known})</source>
        <translation>La(s) columna(s) {columns} no son campos de pedido y se omiten (conocidos: {known})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="51"/>
        <source>Column(s) {columns} appear twice: the first one is read</source>
        <translation>La(s) columna(s) {columns} aparecen dos veces: se lee la primera</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="52"/>
        <source>{first}. {then}</source>
        <translation>{first}. {then}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="53"/>
        <source>{names} and {count} more</source>
        <translation>{names} y {count} más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="54"/>
        <source>A quote (&quot;) opened on this line is never closed, so every line after it was read as part of one cell: close the quote, or remove it</source>
        <translation>Unas comillas (&quot;) abiertas en esta línea nunca se cierran, así que todas las líneas siguientes se leyeron como parte de una sola celda: cierra las comillas o quítalas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="59"/>
        <source>This line has {count} cells; the header names {columns}</source>
        <translation>Esta línea tiene {count} celdas; el encabezado nombra {columns}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="60"/>
        <source>This line cannot be read: {error}</source>
        <translation>No se puede leer esta línea: {error}</translation>
    </message>
</context>
<context>
    <name>MassOrder</name>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="30"/>
        <source>✓ Ready</source>
        <translation>✓ Lista</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="31"/>
        <source>⚠ Held</source>
        <translation>⚠ Retenida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="32"/>
        <source>✕ Invalid</source>
        <translation>✕ No válida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="33"/>
        <source>– Skipped</source>
        <translation>– Omitida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="35"/>
        <source>✓ Send anyway</source>
        <translation>✓ Enviar de todos modos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="36"/>
        <source>Checking…</source>
        <translation>Revisando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="43"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="52"/>
        <source>Not sent yet</source>
        <translation>Aún no enviada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="53"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="29"/>
        <source>Line</source>
        <translation>Línea</translation>
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
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="56"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="32"/>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="57"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="33"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="58"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="35"/>
        <source>Charge</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="59"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="37"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="60"/>
        <source>Order ID</source>
        <translation>ID del pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>1 line</source>
        <translation>1 línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>{count} lines</source>
        <translation>{count} líneas</translation>
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
        <translation>Pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="143"/>
        <source>Placed: {words}</source>
        <translation>Realizado: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="145"/>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="146"/>
        <source>✕ Rejected: {words}</source>
        <translation>✕ Rechazado: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="148"/>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="149"/>
        <source>⚠ Unconfirmed: {words} — see Orders ▸ Unconfirmed</source>
        <translation>⚠ Sin confirmar: {words} — ver Pedidos ▸ Sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="153"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="154"/>
        <source>Dismissed</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="169"/>
        <source>Not sent ({verdict})</source>
        <translation>No enviada ({verdict})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="48"/>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="42"/>
        <source>To send</source>
        <translation>Por enviar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="43"/>
        <source>Held</source>
        <translation>Retenidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="44"/>
        <source>Invalid</source>
        <translation>No válidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="45"/>
        <source>Skipped</source>
        <translation>Omitidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="49"/>
        <source>Placed</source>
        <translation>Realizadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="50"/>
        <source>Rejected</source>
        <translation>Rechazadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="51"/>
        <source>Unconfirmed</source>
        <translation>Sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="53"/>
        <source>Left out</source>
        <translation>Excluidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="77"/>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="316"/>
        <source>Place orders…</source>
        <translation>Hacer pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="80"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="206"/>
        <source>Copy results</source>
        <translation>Copiar resultados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="83"/>
        <source>Every line shown, or the selected ones, as a table (tab-separated)</source>
        <translation>Todas las líneas mostradas, o las seleccionadas, como tabla (separada por tabulaciones)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="106"/>
        <source>{kind} ({count})</source>
        <translation>{kind} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="169"/>
        <source>Edit line…</source>
        <translation>Editar línea…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="170"/>
        <source>Change the line&apos;s fields and check it again</source>
        <translation>Cambiar los campos de la línea y volver a revisarla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="175"/>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="176"/>
        <source>Leave the selected lines out of the batch</source>
        <translation>Dejar las líneas seleccionadas fuera del lote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="180"/>
        <source>Include</source>
        <translation>Incluir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="181"/>
        <source>Put skipped lines back into the batch</source>
        <translation>Volver a poner en el lote las líneas omitidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="185"/>
        <source>Send anyway</source>
        <translation>Enviar de todos modos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="186"/>
        <source>Send held lines although they repeat a link</source>
        <translation>Enviar las líneas retenidas aunque repitan un enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="190"/>
        <source>Hold again</source>
        <translation>Volver a retener</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="191"/>
        <source>Do not send the released lines</source>
        <translation>No enviar las líneas liberadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="195"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="196"/>
        <source>Remove the selected lines</source>
        <translation>Eliminar las líneas seleccionadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="201"/>
        <source>Edit and send again…</source>
        <translation>Editar y reenviar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="202"/>
        <source>Correct a rejected line and send it once more</source>
        <translation>Corregir una línea rechazada y enviarla otra vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="34"/>
        <source>Other fields</source>
        <translation>Otros campos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="36"/>
        <source>Check</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Already sent</source>
        <translation>Ya enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Not sent</source>
        <translation>No enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="69"/>
        <source>Sent at once</source>
        <translation>Enviadas a la vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="70"/>
        <source>{count} (Settings)</source>
        <translation>{count} (Ajustes)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="76"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="93"/>
        <source>The balance does not cover it: send anyway (the panel refuses what it cannot charge)</source>
        <translation>El saldo no alcanza: enviar de todos modos (el panel rechaza lo que no puede cobrar)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="120"/>
        <source>Send line {number} again</source>
        <translation>Reenviar la línea {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="122"/>
        <source>Edit line {number}</source>
        <translation>Editar la línea {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="124"/>
        <source>Line {number} as written: {source}</source>
        <translation>Línea {number} tal como se escribió: {source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="133"/>
        <source>Service ID</source>
        <translation>ID de servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="143"/>
        <source>Send again</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="145"/>
        <source>Check again</source>
        <translation>Volver a revisar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="196"/>
        <source>This service is no longer in the panel&apos;s catalogue.</source>
        <translation>Este servicio ya no está en el catálogo del panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="203"/>
        <source>Charge: {charge}</source>
        <translation>Cargo: {charge}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="218"/>
        <source>Send the 1 line never sent?</source>
        <translation>¿Enviar la línea que nunca se envió?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="219"/>
        <source>Send the {count} lines never sent?</source>
        <translation>¿Enviar las {count} líneas que nunca se enviaron?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="223"/>
        <source>Send 1 line</source>
        <translation>Enviar 1 línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="224"/>
        <source>Send {count} lines</source>
        <translation>Enviar {count} líneas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="230"/>
        <source>Place 1 order?</source>
        <translation>¿Hacer 1 pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="231"/>
        <source>Place {count} orders?</source>
        <translation>¿Hacer {count} pedidos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="235"/>
        <source>Place 1 order</source>
        <translation>Hacer 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="236"/>
        <source>Place {count} orders</source>
        <translation>Hacer {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="57"/>
        <source>Nothing was pasted: the text has {count} characters, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>No se pegó nada: el texto tiene {count} caracteres y un lote tiene como máximo {limit}. Divídelo en lotes más pequeños.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="64"/>
        <source>Nothing was pasted: the text has {count} lines, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>No se pegó nada: el texto tiene {count} líneas y un lote tiene como máximo {limit}. Divídelo en lotes más pequeños.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="84"/>
        <source>Paste orders here, one a line, for example:
    1234|https://instagram.com/p/Cx1yZ|1000
or a CSV/TSV whose first line names the columns:
    service,link,quantity,runs,interval,comments,username
Then Check lines (Ctrl+Return): nothing is sent before you confirm.</source>
        <translation>Pega aquí los pedidos, uno por línea, por ejemplo:
    1234|https://instagram.com/p/Cx1yZ|1000
o un CSV/TSV cuya primera línea nombre las columnas:
    service,link,quantity,runs,interval,comments,username
Luego Revisar líneas (Ctrl+Return): no se envía nada antes de que confirmes.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="101"/>
        <source>The panel every line goes to, unless its panel column names another</source>
        <translation>El panel al que va cada línea, salvo que su columna panel indique otro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="107"/>
        <source>Open file…</source>
        <translation>Abrir archivo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="108"/>
        <source>Read a CSV, TSV or text file</source>
        <translation>Leer un archivo CSV, TSV o de texto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="112"/>
        <source>Check lines</source>
        <translation>Revisar líneas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="113"/>
        <source>Read and check every line (Ctrl+Return)</source>
        <translation>Leer y revisar todas las líneas (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="118"/>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="119"/>
        <source>Start a new batch</source>
        <translation>Empezar un lote nuevo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="138"/>
        <source>Formats: service ID|link|quantity (; , or a tab also separate), or CSV/TSV with a header naming order fields: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… A list field takes one entry per line of a quoted cell, or | between entries; a panel column sends a line to another panel; # starts a comment.</source>
        <translation>Formatos: ID de servicio|enlace|cantidad (; , o un tabulador también separan), o CSV/TSV con un encabezado que nombre campos de pedido: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… Un campo de lista admite una entrada por línea de una celda entre comillas, o | entre entradas; una columna panel envía la línea a otro panel; # inicia un comentario.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="155"/>
        <source>&amp;Panel:</source>
        <translation>&amp;Panel:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="203"/>
        <source>Open a mass order</source>
        <translation>Abrir un pedido masivo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="206"/>
        <source>Orders (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Pedidos (*.csv *.tsv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="95"/>
        <source>Sending line {number} again…</source>
        <translation>Reenviando la línea {number}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="136"/>
        <source>1 line removed</source>
        <translation>1 línea eliminada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="137"/>
        <source>{count} lines removed</source>
        <translation>{count} líneas eliminadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="154"/>
        <source>Line {number}: {outcome}</source>
        <translation>Línea {number}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="180"/>
        <source>1 line copied as a table</source>
        <translation>1 línea copiada como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="181"/>
        <source>{count} lines copied as a table</source>
        <translation>{count} líneas copiadas como tabla</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="111"/>
        <source>Paste lines (or open a file) first.</source>
        <translation>Primero pega líneas (o abre un archivo).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="115"/>
        <location filename="../../smmdesk/ui/mass/session.py" line="110"/>
        <source>Pasted lines</source>
        <translation>Líneas pegadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="154"/>
        <source>{panel}: {share}</source>
        <translation>{panel}: {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="194"/>
        <source>{lines} (not sent again)</source>
        <translation>{lines} (no se reenvían)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="195"/>
        <source>no line</source>
        <translation>ninguna línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="206"/>
        <source>Stopping: lines being sent finish, no other line is sent.</source>
        <translation>Deteniendo: las líneas en envío terminan y no se envía ninguna otra.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="224"/>
        <source>Checking the lines…</source>
        <translation>Revisando las líneas…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="271"/>
        <source>Show the next one</source>
        <translation>Mostrar la siguiente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="312"/>
        <source>Place 1 order…</source>
        <translation>Hacer 1 pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="313"/>
        <source>Place {count} orders…</source>
        <translation>Hacer {count} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/preview_model.py" line="343"/>
        <source>Line {number} as written:
{source}</source>
        <translation>Línea {number} tal como se escribió:
{source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="39"/>
        <source>%v of %m</source>
        <translation>%v de %m</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="47"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="48"/>
        <source>Send no further line for now</source>
        <translation>No enviar más líneas por ahora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="52"/>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="90"/>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="53"/>
        <source>Send the lines not sent yet</source>
        <translation>Enviar las líneas aún no enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="57"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="58"/>
        <source>Send no further line; lines being sent finish</source>
        <translation>No enviar más líneas; las que se están enviando terminan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="92"/>
        <source>Resume ({count} never sent)…</source>
        <translation>Reanudar ({count} sin enviar)…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="106"/>
        <source>Done: {outcomes}</source>
        <translation>Terminado: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="109"/>
        <source>Stopped: {outcomes}</source>
        <translation>Detenido: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="112"/>
        <source>Paused: {progress}</source>
        <translation>En pausa: {progress}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="115"/>
        <source>Writing the batch down before anything is sent…</source>
        <translation>Guardando el lote antes de enviar nada…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>1 order</source>
        <translation>1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="94"/>
        <source>{count} orders</source>
        <translation>{count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="98"/>
        <source>{orders} · {charge} · balance not known yet</source>
        <translation>{orders} · {charge} · saldo aún desconocido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="104"/>
        <source>{orders} · {charge} · balance {balance}</source>
        <translation>{orders} · {charge} · saldo {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="107"/>
        <source>{orders} · {charge} · balance {balance} — short by {short}</source>
        <translation>{orders} · {charge} · saldo {balance} — faltan {short}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="117"/>
        <source>{count} held</source>
        <translation>{count} retenidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="118"/>
        <source>{count} invalid</source>
        <translation>{count} no válidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="119"/>
        <source>{count} skipped</source>
        <translation>{count} omitidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="130"/>
        <source>{count} ready ({released} held sent anyway)</source>
        <translation>{count} listas ({released} retenidas enviadas de todos modos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="134"/>
        <source>{count} ready</source>
        <translation>{count} listas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="140"/>
        <source>{lines}: {counts}</source>
        <translation>{lines}: {counts}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="154"/>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="161"/>
        <source>about {count} s left</source>
        <translation>quedan unos {count} s</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="165"/>
        <source>about {count} min left</source>
        <translation>quedan unos {count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="168"/>
        <source>about {count} h left</source>
        <translation>quedan unas {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="175"/>
        <source>{count} placed</source>
        <translation>{count} realizadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="176"/>
        <source>{count} rejected</source>
        <translation>{count} rechazadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="177"/>
        <source>{count} unconfirmed</source>
        <translation>{count} sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="178"/>
        <source>{count} being sent</source>
        <translation>{count} enviándose</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="179"/>
        <source>{count} dismissed</source>
        <translation>{count} descartadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="180"/>
        <source>{count} never sent</source>
        <translation>{count} nunca enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="199"/>
        <source>{done} of {total} sent</source>
        <translation>{done} de {total} enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="208"/>
        <source>“{title}” of {time}</source>
        <translation>«{title}» de {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="217"/>
        <source>The mass order {batch} was not finished: {outcomes}.</source>
        <translation>El pedido masivo {batch} no se terminó: {outcomes}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="222"/>
        <source>Resume sends only the 1 line never sent; no line is sent twice.</source>
        <translation>Reanudar envía solo la línea que nunca se envió; ninguna línea se envía dos veces.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="225"/>
        <source>Resume sends only the {count} lines never sent; no line is sent twice.</source>
        <translation>Reanudar envía solo las {count} líneas que nunca se enviaron; ninguna línea se envía dos veces.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="233"/>
        <source>Check unconfirmed orders on the panel (Orders ▸ Unconfirmed).</source>
        <translation>Revisa en el panel los pedidos sin confirmar (Pedidos ▸ Sin confirmar).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="239"/>
        <source>1 other mass order not finished either (Open…).</source>
        <translation>Otro pedido masivo tampoco se terminó (Abrir…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="240"/>
        <source>{count} other mass orders not finished either (Open…).</source>
        <translation>Otros {count} pedidos masivos tampoco se terminaron (Abrir…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="45"/>
        <source>This mass order is no longer in the history.</source>
        <translation>Este pedido masivo ya no está en el historial.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="47"/>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>No se puede leer «{name}»: {reason}.</translation>
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
        <location filename="../../smmdesk/ui/notify/wording.py" line="38"/>
        <source>A refill</source>
        <translation>Una reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="40"/>
        <source>{count} refills</source>
        <translation>{count} reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="42"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} en {panel}: estado {verb}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="57"/>
        <source>Order {id}</source>
        <translation>Pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="59"/>
        <source>{count} orders</source>
        <translation>{count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="69"/>
        <source>{count} panels</source>
        <translation>{count} paneles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="79"/>
        <source>Order {ids}</source>
        <translation>Pedido {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="81"/>
        <source>Orders {ids}</source>
        <translation>Pedidos {ids}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source> and {count} more</source>
        <translation> y {count} más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="91"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>Puede que un pedido en {panel} se haya realizado o no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="93"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>Puede que {count} pedidos en {panel} se hayan realizado o no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="94"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Revisa la lista de pedidos del panel y luego resuélvelos o descártalos en Sin confirmar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="101"/>
        <source>Balance on {panel} is low</source>
        <translation>Saldo bajo en {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="102"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>Quedan {balance}; el aviso está fijado en {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="111"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>Ha cambiado en {panel} un servicio que pediste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>Han cambiado en {panel} {count} servicios que pediste</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="119"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: ya no aparece en la lista</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="123"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="131"/>
        <source>and {count} more</source>
        <translation>y {count} más</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="108"/>
        <source>Reading 1 selected order…</source>
        <translation>Leyendo 1 pedido seleccionado…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="109"/>
        <source>Reading {count} selected orders…</source>
        <translation>Leyendo {count} pedidos seleccionados…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="120"/>
        <source>Export orders</source>
        <translation>Exportar pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="138"/>
        <source>Reading the orders to copy</source>
        <translation>Leyendo los pedidos que se van a copiar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="149"/>
        <source>Exporting orders</source>
        <translation>Exportando pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="150"/>
        <source>Exporting to {path}…</source>
        <translation>Exportando a {path}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="191"/>
        <source>Requesting 1 refill…</source>
        <translation>Solicitando 1 reposición…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="192"/>
        <source>Requesting {count} refills…</source>
        <translation>Solicitando {count} reposiciones…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="194"/>
        <source>Requesting 1 cancel…</source>
        <translation>Solicitando 1 cancelación…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="195"/>
        <source>Requesting {count} cancels…</source>
        <translation>Solicitando {count} cancelaciones…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="207"/>
        <source>Refill results</source>
        <translation>Resultado de las reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="219"/>
        <source>Cancel results</source>
        <translation>Resultado de las cancelaciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="270"/>
        <source>{count} sent; {failures}</source>
        <translation>{count} enviadas; {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="279"/>
        <source>failed on {panel}: {problem}</source>
        <translation>falló en {panel}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="281"/>
        <source>failed: {problem}</source>
        <translation>falló: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="41"/>
        <source>The selected order cannot be refilled:</source>
        <translation>No se puede pedir reposición del pedido seleccionado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="42"/>
        <source>The selected order cannot be canceled:</source>
        <translation>No se puede cancelar el pedido seleccionado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="47"/>
        <source>None of the {count} selected orders can be refilled:</source>
        <translation>No se puede pedir reposición de ninguno de los {count} pedidos seleccionados:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="48"/>
        <source>None of the {count} selected orders can be canceled:</source>
        <translation>No se puede cancelar ninguno de los {count} pedidos seleccionados:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="53"/>
        <source>Refill 1 order?</source>
        <translation>¿Pedir reposición de 1 pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="54"/>
        <source>Refill {count} orders?</source>
        <translation>¿Pedir reposición de {count} pedidos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="59"/>
        <source>Cancel 1 order?</source>
        <translation>¿Cancelar 1 pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="60"/>
        <source>Cancel {count} orders?</source>
        <translation>¿Cancelar {count} pedidos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="65"/>
        <source>Refill {some} of the {count} selected orders?</source>
        <translation>¿Pedir reposición de {some} de los {count} pedidos seleccionados?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="66"/>
        <source>Cancel {some} of the {count} selected orders?</source>
        <translation>¿Cancelar {some} de los {count} pedidos seleccionados?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="69"/>
        <source>A cancel request cannot be taken back.</source>
        <translation>Una solicitud de cancelación no se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="77"/>
        <source>1 order will not be sent:</source>
        <translation>1 pedido no se enviará:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="78"/>
        <source>{count} orders will not be sent:</source>
        <translation>{count} pedidos no se enviarán:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="90"/>
        <source>Refill 1 order</source>
        <translation>Pedir reposición de 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="91"/>
        <source>Refill {count} orders</source>
        <translation>Pedir reposición de {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="93"/>
        <source>Cancel 1 order</source>
        <translation>Cancelar 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="94"/>
        <source>Cancel {count} orders</source>
        <translation>Cancelar {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="104"/>
        <source>Refill orders</source>
        <translation>Reposición de pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="105"/>
        <source>Cancel orders</source>
        <translation>Cancelar pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="123"/>
        <source>Don&apos;t refill</source>
        <translation>No pedir reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="124"/>
        <source>Don&apos;t cancel</source>
        <translation>No cancelar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="152"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="31"/>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="32"/>
        <source>Refused</source>
        <translation>Denegada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="33"/>
        <source>Not sent</source>
        <translation>No enviada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="44"/>
        <source>Order ID</source>
        <translation>ID del pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="45"/>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="46"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="47"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="91"/>
        <source>Refill {id}</source>
        <translation>Reposición {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="72"/>
        <source>Asking the panel about order {id}…</source>
        <translation>Consultando al panel por el pedido {id}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="89"/>
        <source>Asking the panel about 1 order ID…</source>
        <translation>Consultando al panel por 1 ID de pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="90"/>
        <source>Asking the panel about {count} order IDs…</source>
        <translation>Consultando al panel por {count} IDs de pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="127"/>
        <source>Saving 1 order…</source>
        <translation>Guardando 1 pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="128"/>
        <source>Saving {count} orders…</source>
        <translation>Guardando {count} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="138"/>
        <source>1 order updated</source>
        <translation>1 pedido actualizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="139"/>
        <source>{count} orders updated</source>
        <translation>{count} pedidos actualizados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="144"/>
        <source>1 order without a charge yet kept its price</source>
        <translation>1 pedido aún sin cargo mantuvo su precio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="145"/>
        <source>{count} orders without a charge yet kept their price</source>
        <translation>{count} pedidos aún sin cargo mantuvieron su precio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="79"/>
        <source>Copied 1 order ID</source>
        <translation>1 ID de pedido copiado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="80"/>
        <source>Copied {count} order IDs</source>
        <translation>{count} IDs de pedido copiados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="83"/>
        <source>1 selected order without an order ID</source>
        <translation>1 pedido seleccionado sin ID de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="84"/>
        <source>{count} selected orders without an order ID</source>
        <translation>{count} pedidos seleccionados sin ID de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="89"/>
        <source>Copied 1 link</source>
        <translation>1 enlace copiado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="90"/>
        <source>Copied {count} links</source>
        <translation>{count} enlaces copiados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="93"/>
        <source>1 selected order without a link</source>
        <translation>1 pedido seleccionado sin enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="94"/>
        <source>{count} selected orders without a link</source>
        <translation>{count} pedidos seleccionados sin enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="105"/>
        <source>1 refill requested</source>
        <translation>1 reposición solicitada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="106"/>
        <source>{count} refills requested</source>
        <translation>{count} reposiciones solicitadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="116"/>
        <source>1 cancel requested</source>
        <translation>1 cancelación solicitada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="117"/>
        <source>{count} cancels requested</source>
        <translation>{count} cancelaciones solicitadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="123"/>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="130"/>
        <source>{reason} ({count} times)</source>
        <translation>{reason} ({count} veces)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="136"/>
        <source>{count} refused: {reasons}</source>
        <translation>{count} denegadas: {reasons}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="141"/>
        <source>{count} not sent</source>
        <translation>{count} sin enviar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="151"/>
        <source>Order {id} marked as placed</source>
        <translation>Pedido {id} marcado como realizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="156"/>
        <source>1 order dismissed</source>
        <translation>1 pedido descartado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="157"/>
        <source>{count} orders dismissed</source>
        <translation>{count} pedidos descartados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="170"/>
        <source>({count} already tracked)</source>
        <translation>({count} ya en seguimiento)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="176"/>
        <source>cancelled before 1 ID was asked</source>
        <translation>se canceló antes de consultar 1 ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="177"/>
        <source>cancelled before {count} IDs were asked</source>
        <translation>se canceló antes de consultar {count} IDs</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="183"/>
        <source>{refusals} and {count} more</source>
        <translation>{refusals} y {count} más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="186"/>
        <source>not recorded, the panel did not confirm: {refusals}</source>
        <translation>no registrados, el panel no los confirmó: {refusals}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="195"/>
        <source>1 order added to tracking</source>
        <translation>1 pedido añadido al seguimiento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="196"/>
        <source>{count} orders added to tracking</source>
        <translation>{count} pedidos añadidos al seguimiento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} ya en seguimiento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="208"/>
        <source>{count} not confirmed by the panel</source>
        <translation>{count} no confirmados por el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="209"/>
        <source>{count} not asked (cancelled)</source>
        <translation>{count} sin consultar (se canceló)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="215"/>
        <source>Not recorded — the panel did not confirm them:</source>
        <translation>No registrados — el panel no los confirmó:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="218"/>
        <source>Never asked — tracking was cancelled:</source>
        <translation>Sin consultar — se canceló el seguimiento:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="220"/>
        <source>Added to tracking:</source>
        <translation>Añadidos al seguimiento:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="192"/>
        <source>Refill</source>
        <translation>Reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="193"/>
        <source>Ask for a refill</source>
        <translation>Pedir una reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="197"/>
        <source>Cancel order</source>
        <translation>Cancelar pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="198"/>
        <source>Ask to cancel</source>
        <translation>Pedir la cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="201"/>
        <source>Copy links</source>
        <translation>Copiar enlaces</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="204"/>
        <source>Copy order IDs</source>
        <translation>Copiar IDs de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="210"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="211"/>
        <source>Save the selected orders as a CSV file (with none selected: every order the tab and the search show)</source>
        <translation>Guardar los pedidos seleccionados como archivo CSV (si no hay ninguno seleccionado: todos los pedidos que muestran la pestaña y la búsqueda)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="219"/>
        <source>Open link</source>
        <translation>Abrir enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="220"/>
        <source>In the browser</source>
        <translation>En el navegador</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="223"/>
        <source>Order again</source>
        <translation>Repetir pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="227"/>
        <source>Order again in bulk…</source>
        <translation>Repetir como pedido masivo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="228"/>
        <source>A mass order of the selected orders: their service, link and quantity, each on its own panel, checked before anything is sent</source>
        <translation>Un pedido masivo con los pedidos seleccionados: su servicio, enlace y cantidad, cada uno en su propio panel, revisado antes de enviar nada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="236"/>
        <source>Resolve…</source>
        <translation>Resolver…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="237"/>
        <source>The order is on the panel: enter its ID</source>
        <translation>El pedido está en el panel: introduce su ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="241"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="242"/>
        <source>The order is not on the panel: stop tracking it</source>
        <translation>El pedido no está en el panel: dejar de seguirlo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="246"/>
        <source>Track existing order IDs…</source>
        <translation>Seguir IDs de pedidos existentes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="247"/>
        <source>Track orders placed outside SMMDesk</source>
        <translation>Seguir pedidos realizados fuera de SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="251"/>
        <source>Note &amp;&amp; price…</source>
        <translation>Nota &amp;&amp; precio…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="252"/>
        <source>The note, customer and sell price of the selected orders (kept here, never sent to a panel)</source>
        <translation>La nota, el cliente y el precio de venta de los pedidos seleccionados (se guardan aquí, nunca se envían a un panel)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="261"/>
        <source>Markups…</source>
        <translation>Márgenes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="262"/>
        <source>Markups per customer and per service</source>
        <translation>Márgenes por cliente y por servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="32"/>
        <source>not placed on the panel</source>
        <translation>no realizado en el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="33"/>
        <source>on another panel</source>
        <translation>en otro panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="34"/>
        <source>the service has no refill</source>
        <translation>el servicio no tiene reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="35"/>
        <source>the service has no cancel</source>
        <translation>el servicio no tiene cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="36"/>
        <source>canceled, refunded or failed</source>
        <translation>cancelado, reembolsado o fallido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="37"/>
        <source>already final</source>
        <translation>ya finalizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="38"/>
        <source>a refill is already running</source>
        <translation>ya hay una reposición en curso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="39"/>
        <source>no order ID</source>
        <translation>sin ID de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="40"/>
        <source>no link</source>
        <translation>sin enlace</translation>
    </message>
</context>
<context>
    <name>OrderDialogs</name>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="43"/>
        <source>Dismiss 1 unconfirmed order? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>¿Descartar 1 pedido sin confirmar? Hazlo solo después de revisar la lista de pedidos del panel: un pedido descartado deja de seguirse.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="48"/>
        <source>Dismiss {count} unconfirmed orders? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>¿Descartar {count} pedidos sin confirmar? Hazlo solo después de revisar la lista de pedidos del panel: un pedido descartado deja de seguirse.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="54"/>
        <source>Dismiss unconfirmed orders</source>
        <translation>Descartar pedidos sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="60"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="85"/>
        <source>Correct the order ID</source>
        <translation>Corregir el ID del pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="87"/>
        <source>Resolve unconfirmed order</source>
        <translation>Resolver pedido sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="97"/>
        <source>e.g. 23501</source>
        <translation>p. ej. 23501</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="98"/>
        <source>Panel&apos;s order ID</source>
        <translation>ID del pedido en el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="106"/>
        <source>Correct the ID</source>
        <translation>Corregir el ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="108"/>
        <source>Mark as placed</source>
        <translation>Marcar como realizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="130"/>
        <source>This order</source>
        <translation>Este pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="131"/>
        <source>On the panel</source>
        <translation>En el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="161"/>
        <source>Asking the panel…</source>
        <translation>Consultando al panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="185"/>
        <source>This order was marked as placed by hand on {time} as order {id}. If that is the wrong order, enter the right ID: the panel is asked first, and the history keeps both.</source>
        <translation>Este pedido se marcó a mano como realizado el {time} como pedido {id}. Si ese no es el pedido correcto, introduce el ID correcto: primero se consulta al panel y el historial conserva ambos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="191"/>
        <source>Find this order in the panel&apos;s order list (compare the time and link below) and enter the order ID it shows there. If it is not there, cancel and dismiss the order instead.</source>
        <translation>Busca este pedido en la lista de pedidos del panel (compara la hora y el enlace de abajo) e introduce el ID de pedido que aparece allí. Si no está, cancela y descarta el pedido.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="200"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="202"/>
        <source>Sent {time}</source>
        <translation>Enviado el {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="203"/>
        <source>Service {id} · {name}</source>
        <translation>Servicio {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="206"/>
        <source>Link {link}</source>
        <translation>Enlace {link}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="207"/>
        <source>Quantity {quantity}</source>
        <translation>Cantidad {quantity}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="213"/>
        <source>Charge ≈ {amount}</source>
        <translation>Cargo ≈ {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="219"/>
        <source>Order {id}</source>
        <translation>Pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="220"/>
        <source>Status {status} ({panel_word})</source>
        <translation>Estado {status} ({panel_word})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="226"/>
        <source>Charge {amount}</source>
        <translation>Cargo {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="229"/>
        <source>Start count {count}</source>
        <translation>Recuento inicial {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="232"/>
        <source>Remains {count}</source>
        <translation>Restante {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="237"/>
        <source>Could not ask the panel: {problem}</source>
        <translation>No se pudo consultar al panel: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="243"/>
        <source>The panel says: {answer}</source>
        <translation>El panel responde: {answer}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="247"/>
        <source>Order {id} is already in this panel&apos;s history.</source>
        <translation>El pedido {id} ya está en el historial de este panel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="252"/>
        <source>This is the ID the order has now.</source>
        <translation>Este es el ID que ya tiene el pedido.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="254"/>
        <source>The panel knows this order: compare it with this one before confirming.</source>
        <translation>El panel conoce este pedido: compáralo con este antes de confirmar.</translation>
    </message>
</context>
<context>
    <name>OrderEstimate</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="37"/>
        <source>{unit} per post, open-ended (charged as each post appears)</source>
        <translation>{unit} por publicación, sin límite (se cobra a medida que aparece cada publicación)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="44"/>
        <source>{total} (1 post × {unit} per post)</source>
        <translation>{total} (1 publicación × {unit} por publicación)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="46"/>
        <source>{total} ({count} posts × {unit} per post)</source>
        <translation>{total} ({count} publicaciones × {unit} por publicación)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="50"/>
        <source>{total} (1 run × {unit})</source>
        <translation>{total} (1 ejecución × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="52"/>
        <source>{total} ({count} runs × {unit})</source>
        <translation>{total} ({count} ejecuciones × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="65"/>
        <source>1 package</source>
        <translation>1 paquete</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="72"/>
        <source>1 run × {each} = {total}</source>
        <translation>1 ejecución × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="74"/>
        <source>{count} runs × {each} = {total}</source>
        <translation>{count} ejecuciones × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="84"/>
        <source>1 line</source>
        <translation>1 línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="85"/>
        <source>{count} lines</source>
        <translation>{count} líneas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="91"/>
        <source>up to {count}</source>
        <translation>hasta {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="95"/>
        <source>{span} per post, open-ended</source>
        <translation>{span} por publicación, sin límite</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="97"/>
        <source>{span} per post × 1 post</source>
        <translation>{span} por publicación × 1 publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="99"/>
        <source>{span} per post × {count} posts</source>
        <translation>{span} por publicación × {count} publicaciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="118"/>
        <source>{balance} — not enough funds for one post</source>
        <translation>{balance} — saldo insuficiente para una publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="120"/>
        <source>{balance} — charged post by post</source>
        <translation>{balance} — se cobra publicación a publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="129"/>
        <source>{balance} — not enough funds</source>
        <translation>{balance} — saldo insuficiente</translation>
    </message>
</context>
<context>
    <name>OrderFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="27"/>
        <source>&amp;Link</source>
        <translation>&amp;Enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="28"/>
        <source>&amp;Quantity</source>
        <translation>&amp;Cantidad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="29"/>
        <source>&amp;Drip-feed runs</source>
        <translation>Ejecuciones de &amp;drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="30"/>
        <source>&amp;Interval (minutes)</source>
        <translation>&amp;Intervalo (minutos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="31"/>
        <source>&amp;Comments</source>
        <translation>C&amp;omentarios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="32"/>
        <source>&amp;Usernames</source>
        <translation>Nombres de &amp;usuario</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="33"/>
        <source>&amp;Username</source>
        <translation>Nombre de &amp;usuario</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="34"/>
        <source>&amp;Keywords</source>
        <translation>&amp;Palabras clave</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="35"/>
        <source>Hashta&amp;gs</source>
        <translation>Hashta&amp;gs</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="36"/>
        <source>Hashta&amp;g</source>
        <translation>Hashta&amp;g</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="37"/>
        <source>Media &amp;URL</source>
        <translation>U&amp;RL del medio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="38"/>
        <source>Comment &amp;author</source>
        <translation>&amp;Autor del comentario</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="39"/>
        <source>&amp;Answer number</source>
        <translation>&amp;Número de respuesta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="40"/>
        <source>&amp;Groups</source>
        <translation>&amp;Grupos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="41"/>
        <source>M&amp;in per post</source>
        <translation>Mí&amp;n. por publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="42"/>
        <source>M&amp;ax per post</source>
        <translation>Má&amp;x. por publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="43"/>
        <source>Ne&amp;w posts</source>
        <translation>Publicaciones nue&amp;vas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="44"/>
        <source>O&amp;ld posts</source>
        <translation>Publicaciones an&amp;tiguas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="45"/>
        <source>&amp;Delay (minutes)</source>
        <translation>&amp;Retraso (minutos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="46"/>
        <source>&amp;Expiry</source>
        <translation>Venc&amp;imiento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="49"/>
        <source>The page, post or profile URL</source>
        <translation>La URL de la página, publicación o perfil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="50"/>
        <source>Leave empty for no drip-feed</source>
        <translation>Déjalo vacío para no usar drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="51"/>
        <source>One comment per line</source>
        <translation>Un comentario por línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="52"/>
        <source>One username per line</source>
        <translation>Un nombre de usuario por línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="53"/>
        <source>One keyword per line</source>
        <translation>Una palabra clave por línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="54"/>
        <source>One hashtag per line</source>
        <translation>Un hashtag por línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="55"/>
        <source>Username of the comment&apos;s author</source>
        <translation>Nombre de usuario del autor del comentario</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="56"/>
        <source>One group per line</source>
        <translation>Un grupo por línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="57"/>
        <source>Empty = unlimited</source>
        <translation>Vacío = ilimitado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="58"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="107"/>
        <source>{label} (optional)</source>
        <translation>{label} (opcional)</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="136"/>
        <source>Place order</source>
        <translation>Hacer pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="152"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="153"/>
        <source>Estimated charge</source>
        <translation>Cargo estimado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="154"/>
        <source>Balance after</source>
        <translation>Saldo después</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="161"/>
        <source>&amp;Service</source>
        <translation>&amp;Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="217"/>
        <source>Pick a service to order.</source>
        <translation>Elige un servicio para pedir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="281"/>
        <source>Order {id} placed</source>
        <translation>Pedido {id} realizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="497"/>
        <source>Unconfirmed: {error} — the panel may have placed it. Check the panel&apos;s order list for this link before ordering again, then resolve it in Orders.</source>
        <translation>Sin confirmar: {error} — puede que el panel lo haya realizado. Revisa la lista de pedidos del panel para este enlace antes de volver a pedir y luego resuélvelo en Pedidos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="507"/>
        <source>The panel refused: no reason given</source>
        <translation>El panel lo rechazó: sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="510"/>
        <source>The panel refused: {error}</source>
        <translation>El panel lo rechazó: {error}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/sending_note.py" line="24"/>
        <source>Waiting for the panel&apos;s answer… ({service}): it gives up at {time}, in {seconds} s; an unclear answer is kept as unconfirmed, never sent again</source>
        <translation>Esperando la respuesta del panel… ({service}): deja de esperar a las {time}, en {seconds} s; una respuesta dudosa se guarda como sin confirmar y nunca se vuelve a enviar</translation>
    </message>
</context>
<context>
    <name>OrderNotes</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="46"/>
        <source>e.g. 12.50, or +30% over the charge</source>
        <translation>p. ej. 12.50, o +30% sobre el cargo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="90"/>
        <source>Who this order is for (optional)</source>
        <translation>Para quién es este pedido (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="94"/>
        <source>A reminder for you; never sent to the panel</source>
        <translation>Un recordatorio para ti; nunca se envía al panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="100"/>
        <source>&amp;Markups…</source>
        <translation>&amp;Márgenes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="103"/>
        <source>Markups per customer and per service, which fill in the sell price</source>
        <translation>Márgenes por cliente y por servicio, que rellenan el precio de venta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="117"/>
        <source>Custome&amp;r (optional)</source>
        <translation>C&amp;liente (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="120"/>
        <source>&amp;Note (optional)</source>
        <translation>N&amp;ota (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="121"/>
        <source>Sell &amp;price (optional)</source>
        <translation>&amp;Precio de venta (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="177"/>
        <source>Sold for ≈ {price}</source>
        <translation>Vendido por ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="236"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Si lo dejas vacío, lo fija el margen del cliente ({markup}): ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="240"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it</source>
        <translation>Si lo dejas vacío, lo fija el margen del cliente ({markup})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="242"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Si lo dejas vacío, lo fija el margen de este servicio ({markup}): ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="245"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it</source>
        <translation>Si lo dejas vacío, lo fija el margen de este servicio ({markup})</translation>
    </message>
</context>
<context>
    <name>OrderProblems</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="63"/>
        <source>{field} is required</source>
        <translation>El campo {field} es obligatorio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="64"/>
        <source>{field} is too large</source>
        <translation>El campo {field} es demasiado grande</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="65"/>
        <source>{field} must be a whole number</source>
        <translation>El campo {field} debe ser un número entero</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="66"/>
        <source>{field} must be one of {choices}</source>
        <translation>El campo {field} debe ser uno de estos: {choices}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="67"/>
        <source>A link is a single line</source>
        <translation>Un enlace debe ocupar una sola línea</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="68"/>
        <source>A link cannot contain spaces or control characters</source>
        <translation>Un enlace no puede contener espacios ni caracteres de control</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="69"/>
        <source>A link is at most {limit} characters (this one has {count})</source>
        <translation>Un enlace tiene como máximo {limit} caracteres (este tiene {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="72"/>
        <source>A link starts with http:// or https://, not {scheme}:</source>
        <translation>Un enlace empieza por http:// o https://, no por {scheme}:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="73"/>
        <source>This link has no address after http(s)://</source>
        <translation>Este enlace no tiene dirección después de http(s)://</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="74"/>
        <source>This link&apos;s address is not valid</source>
        <translation>La dirección de este enlace no es válida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="75"/>
        <source>{field} is a single line without control characters</source>
        <translation>El campo {field} debe ser una sola línea sin caracteres de control</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="76"/>
        <source>{field} is at most {limit} characters</source>
        <translation>El campo {field} tiene como máximo {limit} caracteres</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="77"/>
        <source>{field}: at most {limit} lines (you have {count})</source>
        <translation>{field}: como máximo {limit} líneas (tienes {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="78"/>
        <source>At least {limit} (you have {count})</source>
        <translation>Como mínimo {limit} (tienes {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="79"/>
        <source>At most {limit} (you have {count})</source>
        <translation>Como máximo {limit} (tienes {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="80"/>
        <source>At least 1 post (leave empty for no limit)</source>
        <translation>Como mínimo 1 publicación (déjalo vacío para no poner límite)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="81"/>
        <source>At least {limit}</source>
        <translation>Como mínimo {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="82"/>
        <source>At most {limit}</source>
        <translation>Como máximo {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="83"/>
        <source>Max must not be below min</source>
        <translation>El máximo no puede ser menor que el mínimo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="84"/>
        <source>Drip-feed needs at least 2 runs</source>
        <translation>El drip-feed necesita al menos 2 ejecuciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="85"/>
        <source>Drip-feed needs an interval of at least 1 minute</source>
        <translation>El drip-feed necesita un intervalo de al menos 1 minuto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="86"/>
        <source>“{text}” is not an amount. Type an amount such as 12.50, or a markup such as +30%.</source>
        <translation>«{text}» no es un importe. Escribe un importe como 12.50, o un margen como +30%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="90"/>
        <source>That amount is too large.</source>
        <translation>Ese importe es demasiado grande.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="91"/>
        <source>An amount has at most 7 decimals.</source>
        <translation>Un importe tiene como máximo 7 decimales.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="92"/>
        <source>“{text}” is not a markup. Type a percentage, such as 30.</source>
        <translation>«{text}» no es un margen. Escribe un porcentaje, como 30.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="93"/>
        <source>A markup lies between -100% and 100,000%.</source>
        <translation>Un margen va de -100% a 100 000%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="94"/>
        <source>Type the markup before the %, such as +30%.</source>
        <translation>Escribe el margen antes del %, como +30%.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="45"/>
        <source>⚠ Unconfirmed</source>
        <translation>⚠ Sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="46"/>
        <source>✕ Rejected</source>
        <translation>✕ Rechazado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="47"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="48"/>
        <source>Dismissed</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="37"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="38"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="19"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="39"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="20"/>
        <source>In progress</source>
        <translation>En progreso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="40"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="21"/>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="41"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="22"/>
        <source>Partial</source>
        <translation>Parcial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="42"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="23"/>
        <source>Canceled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="43"/>
        <source>Unconfirmed</source>
        <translation>Sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="44"/>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="24"/>
        <source>Refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="25"/>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="26"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="27"/>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="28"/>
        <source>Expired</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="29"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
</context>
<context>
    <name>OrderTwins</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="24"/>
        <source>being sent</source>
        <translation>enviándose</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="25"/>
        <source>unconfirmed</source>
        <translation>sin confirmar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="32"/>
        <source>order {id}</source>
        <translation>pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="34"/>
        <source>#{id} (no order ID yet)</source>
        <translation>#{id} (aún sin ID de pedido)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="36"/>
        <source>service {id}</source>
        <translation>servicio {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="56"/>
        <source>… and {count} more</source>
        <translation>… y {count} más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="69"/>
        <source>An unconfirmed order for this link may already be on the panel. Check that panel&apos;s order list for this link first: if the order is there, resolve it in Orders with its ID instead of ordering again.</source>
        <translation>Puede que ya haya en el panel un pedido sin confirmar para este enlace. Revisa primero la lista de pedidos de ese panel para este enlace: si el pedido está allí, resuélvelo en Pedidos con su ID en lugar de volver a pedir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="76"/>
        <source>This link already has an active order. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Este enlace ya tiene un pedido activo. Los paneles rechazan un segundo pedido para el mismo enlace, o ejecutan ambos a la vez, hasta que el primero se completa.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="81"/>
        <source>This link already has {count} active orders. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Este enlace ya tiene {count} pedidos activos. Los paneles rechazan un segundo pedido para el mismo enlace, o ejecutan ambos a la vez, hasta que el primero se completa.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="91"/>
        <source>placed, not checked yet</source>
        <translation>realizado, aún sin comprobar</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="80"/>
        <source>Panel says: {status}</source>
        <translation>El panel dice: {status}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="95"/>
        <source>Not known (tracked by its ID)</source>
        <translation>Desconocido (seguido por su ID)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="122"/>
        <source>{span} per post</source>
        <translation>{span} por publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="125"/>
        <source>{span} × 1 post</source>
        <translation>{span} × 1 publicación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="126"/>
        <source>{span} × {count} posts</source>
        <translation>{span} × {count} publicaciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="144"/>
        <source>Run {done} of {runs}</source>
        <translation>Ejecución {done} de {runs}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="150"/>
        <source>1 post served</source>
        <translation>1 publicación atendida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="151"/>
        <source>{count} posts served</source>
        <translation>{count} publicaciones atendidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="174"/>
        <source>Check the panel, then Resolve… (it is there) or Dismiss (it is not).</source>
        <translation>Revisa el panel y luego usa Resolver… (si está) o Descartar (si no está).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="213"/>
        <source>Sell {sell} − estimated charge {charge} = {profit}</source>
        <translation>Venta {sell} − cargo estimado {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="215"/>
        <source>Sell {sell} − charge {charge} = {profit}</source>
        <translation>Venta {sell} − cargo {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="224"/>
        <source>Counted at what was delivered ({percent}%): the panel&apos;s charge is for the whole order, so both are scaled.</source>
        <translation>Calculado según lo entregado ({percent}%): el cargo del panel es por el pedido completo, así que ambos se ajustan en proporción.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="230"/>
        <source>Counted at what was delivered ({percent}%): the panel already charged only what it delivered.</source>
        <translation>Calculado según lo entregado ({percent}%): el panel ya cobró solo lo que entregó.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="61"/>
        <source>Spend {spend}</source>
        <translation>Gasto {spend}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="63"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit}</source>
        <translation>Gasto {spend} · Venta {sell} · Ganancia {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="65"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit} ({sold} of {orders} sold)</source>
        <translation>Gasto {spend} · Venta {sell} · Ganancia {profit} ({sold} de {orders} vendidos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="87"/>
        <source>Search ID, link, service, customer, note…</source>
        <translation>Buscar ID, enlace, servicio, cliente, nota…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="90"/>
        <source>Every word, in any order, without case or accents: “ana promocao” finds “Promoção” orders for customer Ana</source>
        <translation>Todas las palabras, en cualquier orden, sin distinguir mayúsculas ni acentos: «ana promocion» encuentra los pedidos «Promoción» del cliente Ana</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="98"/>
        <source>All panels</source>
        <translation>Todos los paneles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="101"/>
        <source>Every panel&apos;s orders in one list, with a Panel column; actions go to each order&apos;s own panel</source>
        <translation>Los pedidos de todos los paneles en una sola lista, con una columna Panel; las acciones se envían al panel de cada pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="107"/>
        <source>Refresh now</source>
        <translation>Actualizar ahora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="116"/>
        <source>What the orders shown cost and sold for, per currency: orders the panel took, partial ones counted at what was delivered; profit counts the orders with a sell price</source>
        <translation>Lo que costaron y por cuánto se vendieron los pedidos mostrados, por moneda: pedidos aceptados por el panel, los parciales según lo entregado; la ganancia cuenta los pedidos con precio de venta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="146"/>
        <source>{tab} ({count})</source>
        <translation>{tab} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="153"/>
        <source>1 order matching “{search}”</source>
        <translation>1 pedido coincide con «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="154"/>
        <source>{count} orders matching “{search}”</source>
        <translation>{count} pedidos coinciden con «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>1 order</source>
        <translation>1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="159"/>
        <source>{count} orders</source>
        <translation>{count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="167"/>
        <source>Adding up…</source>
        <translation>Sumando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="176"/>
        <source>All 1 order selected</source>
        <translation>Todos seleccionados: 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="177"/>
        <source>All {count} orders selected</source>
        <translation>Todos seleccionados: {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="180"/>
        <source>{count} selected</source>
        <translation>{count} seleccionados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="91"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="92"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="93"/>
        <source>Order ID</source>
        <translation>ID del pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="94"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="95"/>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="96"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="97"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="98"/>
        <source>Charge</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="99"/>
        <source>Sell price</source>
        <translation>Precio de venta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="100"/>
        <source>Profit</source>
        <translation>Ganancia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="101"/>
        <source>Start count</source>
        <translation>Recuento inicial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="102"/>
        <source>Remains</source>
        <translation>Restante</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="103"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="104"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="105"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="106"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="254"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="137"/>
        <source>Refreshing statuses…</source>
        <translation>Actualizando estados…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="443"/>
        <source>Refresh failed — {problem}</source>
        <translation>Error al actualizar — {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="452"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="32"/>
        <source>No order in {tab} matches “{search}”.</source>
        <translation>Ningún pedido en «{tab}» coincide con «{search}».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="35"/>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="39"/>
        <source>No orders in {tab}.</source>
        <translation>No hay pedidos en «{tab}».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="40"/>
        <source>Show all orders</source>
        <translation>Mostrar todos los pedidos</translation>
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
        <location filename="../../smmdesk/ui/prices/board_model.py" line="41"/>
        <source>not compared</source>
        <translation>sin comparar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="66"/>
        <source>Rate</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="67"/>
        <source>Panel&apos;s rate</source>
        <translation>Tarifa del panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="68"/>
        <source>Min</source>
        <translation>Mín.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="69"/>
        <source>Max</source>
        <translation>Máx.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="70"/>
        <source>Refill</source>
        <translation>Reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="71"/>
        <source>Cancel</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="72"/>
        <source>Completion</source>
        <translation>Finalización</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="75"/>
        <source>From your own orders: the median time from placed to completed, and in brackets how many orders it rests on. Empty: you never had an order of it completed.</source>
        <translation>De tus propios pedidos: la mediana del tiempo desde que se hizo hasta que se completó y, entre paréntesis, en cuántos pedidos se basa. Vacío: nunca se te completó un pedido de este servicio.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="97"/>
        <source>Lifetime</source>
        <translation>De por vida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="99"/>
        <source>No refill</source>
        <translation>Sin reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="101"/>
        <source>{count} days</source>
        <translation>{count} días</translation>
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
        <translation>Buscar en todos los paneles: palabras en cualquier orden…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Comparar en</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Rates…</source>
        <translation>&amp;Tipos de cambio…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="75"/>
        <source>&amp;Order on this panel</source>
        <translation>&amp;Pedir en este panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="156"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Leyendo el catálogo de cada panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="207"/>
        <source>No service of any panel matches “{search}”.</source>
        <translation>Ningún servicio de ningún panel coincide con «{search}».</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="210"/>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="249"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Aún no hay ningún catálogo en caché: abre una vez la pestaña Servicios de un panel para descargarlo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="277"/>
        <source>{summary} Not compared until a balance says their currency: {panels}.</source>
        <translation>{summary} Sin comparar hasta que un saldo indique su moneda: {panels}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="256"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 panel, {services} servicios, del más barato al más caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="257"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} paneles, {services} servicios, del más barato al más caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="259"/>
        <source>1 panel, {services} services: none can be compared in {currency}.</source>
        <translation>1 panel, {services} servicios: ninguno se puede comparar en {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="262"/>
        <source>{panels} panels, {services} services: none can be compared in {currency}.</source>
        <translation>{panels} paneles, {services} servicios: ninguno se puede comparar en {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="271"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Sin comparar (no hay tipo de cambio para {currencies}): añade uno en Tipos de cambio…</translation>
    </message>
</context>
<context>
    <name>PriceWatch</name>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="18"/>
        <source>no longer listed</source>
        <translation>ya no aparece</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="32"/>
        <source>Seen</source>
        <translation>Detectado</translation>
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
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="36"/>
        <source>Old rate</source>
        <translation>Tarifa anterior</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="37"/>
        <source>New rate</source>
        <translation>Tarifa nueva</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="38"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="52"/>
        <source>gone</source>
        <translation>retirado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="61"/>
        <source>{change}%</source>
        <translation>{change}%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="30"/>
        <source>No service you ordered in the last {days} days changed its price or left a panel&apos;s catalogue. Changes are seen when a catalogue is refreshed (Services tab).</source>
        <translation>Ningún servicio que pediste en los últimos {days} días cambió de precio ni salió del catálogo de un panel. Los cambios se detectan al actualizar un catálogo (pestaña Servicios).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="41"/>
        <source>1 price change</source>
        <translation>1 cambio de precio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="42"/>
        <source>{count} price changes</source>
        <translation>{count} cambios de precio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="45"/>
        <source>{changes} and {gone}</source>
        <translation>{changes} y {gone}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="49"/>
        <source>1 service no longer listed</source>
        <translation>1 servicio que ya no aparece</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="50"/>
        <source>{count} services no longer listed</source>
        <translation>{count} servicios que ya no aparecen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="53"/>
        <source>{what} among the services you ordered in the last {days} days, newest first. Rates are per 1000 (per package for packages), in each panel&apos;s currency.</source>
        <translation>{what} entre los servicios que pediste en los últimos {days} días, del más reciente al más antiguo. Las tarifas son por 1000 (por paquete en los paquetes), en la moneda de cada panel.</translation>
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
    <name>RefillWindows</name>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="43"/>
        <source>Guarantee ends</source>
        <translation>Fin de la garantía</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="44"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="45"/>
        <source>Order ID</source>
        <translation>ID del pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="46"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="47"/>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="48"/>
        <source>Guarantee</source>
        <translation>Garantía</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="49"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="50"/>
        <source>Dropped</source>
        <translation>Bajó</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="53"/>
        <source>Tick when the count on the link fell: the panel is not asked about a finished order again, so only you can see it.</source>
        <translation>Marca si la cifra en el enlace bajó: al panel no se le vuelve a preguntar por un pedido terminado, así que solo tú puedes verlo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="65"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="66"/>
        <source>In progress</source>
        <translation>En progreso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="67"/>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="68"/>
        <source>Partial</source>
        <translation>Parcial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="69"/>
        <source>Canceled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="70"/>
        <source>Refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="71"/>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="72"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="73"/>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="74"/>
        <source>Expired</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="75"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="84"/>
        <source>within the hour</source>
        <translation>en menos de una hora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="87"/>
        <source>in {count} h</source>
        <translation>en {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="91"/>
        <source>in 1 day</source>
        <translation>en 1 día</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="92"/>
        <source>in {count} days</source>
        <translation>en {count} días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="94"/>
        <source>{when} ({time})</source>
        <translation>{when} ({time})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="105"/>
        <source>partial</source>
        <translation>parcial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="110"/>
        <source>lifetime</source>
        <translation>de por vida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="147"/>
        <source>{state}, finished {age}</source>
        <translation>{state}, terminado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="62"/>
        <source>No refill guarantee ends in the next {days}.</source>
        <translation>Ninguna garantía de reposición termina en los próximos {days}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="63"/>
        <source>Listed here are completed or partial orders whose service promised a refill period in its name or description (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), with no refill running; services that state no period are never listed.</source>
        <translation>Aquí aparecen los pedidos completados o parciales cuyo servicio prometía un periodo de reposición en su nombre o descripción («30 Days Refill», «R30», «Lifetime»), sin ninguna reposición en curso; los servicios que no indican un periodo nunca aparecen.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="74"/>
        <source>{orders} whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} cuya garantía de reposición termina en los próximos {days}, primero los más próximos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>1 panel</source>
        <translation>1 panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>{count} panels</source>
        <translation>{count} paneles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="130"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="131"/>
        <source>Guarantee ends &amp;within</source>
        <translation>La garantía termina &amp;en</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="56"/>
        <source>Dropped or partial</source>
        <translation>Bajados o parciales</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="57"/>
        <source>Every closing guarantee</source>
        <translation>Todas las garantías que terminan</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="81"/>
        <source>{orders} that dropped or went partial, whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} que bajaron o quedaron parciales, cuya garantía de reposición termina en {days}, primero los más próximos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="92"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. 1 order&apos;s guarantee ends then: show every closing guarantee and tick Dropped if its count fell.</source>
        <translation>Ningún pedido que bajó o quedó parcial tiene una garantía de reposición que termine en {days}. La garantía de 1 pedido termina entonces: muestra todas las garantías que terminan y marca Bajó si su cifra cayó.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="98"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. {count} orders&apos; guarantees end then: show every closing guarantee and tick Dropped for those whose count fell.</source>
        <translation>Ningún pedido que bajó o quedó parcial tiene una garantía de reposición que termine en {days}. Las garantías de {count} pedidos terminan entonces: muestra todas las garantías que terminan y marca Bajó en los que su cifra cayó.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="136"/>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="140"/>
        <source>&amp;Refill dropped and partial</source>
        <translation>&amp;Reponer bajados y parciales</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="240"/>
        <source>Ask for a refill of {orders} on {panels}?</source>
        <translation>¿Pedir reposición de {orders} en {panels}?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="243"/>
        <source>Refill orders</source>
        <translation>Reposición de pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="247"/>
        <source>Refill 1 order</source>
        <translation>Pedir reposición de 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="248"/>
        <source>Refill {count} orders</source>
        <translation>Pedir reposición de {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="252"/>
        <source>Don&apos;t refill</source>
        <translation>No pedir reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="268"/>
        <source>Requesting 1 refill…</source>
        <translation>Solicitando 1 reposición…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="269"/>
        <source>Requesting {count} refills…</source>
        <translation>Solicitando {count} reposiciones…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="290"/>
        <source>{summary}. Not sent: {failures}</source>
        <translation>{summary}. No enviadas: {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="295"/>
        <source>Refill results</source>
        <translation>Resultado de las reposiciones</translation>
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
        <translation>ID de reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="62"/>
        <source>Order ID</source>
        <translation>ID del pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="63"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="64"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="65"/>
        <source>Requested</source>
        <translation>Solicitada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="66"/>
        <source>Updated</source>
        <translation>Actualizada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="67"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="71"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="72"/>
        <source>In progress</source>
        <translation>En progreso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="73"/>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="74"/>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="75"/>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="76"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="91"/>
        <source>Refused</source>
        <translation>Denegada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="230"/>
        <source>Panel {id}</source>
        <translation>Panel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="105"/>
        <source>Refreshing refills…</source>
        <translation>Actualizando reposiciones…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="158"/>
        <source>Search refill ID, order ID, panel, status…</source>
        <translation>Buscar ID de reposición, ID de pedido, panel, estado…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="161"/>
        <source>All panels</source>
        <translation>Todos los paneles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="164"/>
        <source>Every panel&apos;s refills in one list, with a Panel column</source>
        <translation>Las reposiciones de todos los paneles en una sola lista, con una columna Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="166"/>
        <source>Refresh now</source>
        <translation>Actualizar ahora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="274"/>
        <source>Refresh failed — {reason}</source>
        <translation>Error al actualizar — {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="284"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="303"/>
        <source>1 refill matching “{search}”</source>
        <translation>1 reposición coincide con «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="304"/>
        <source>{count} refills matching “{search}”</source>
        <translation>{count} reposiciones coinciden con «{search}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>{count} refills</source>
        <translation>{count} reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>1 refill</source>
        <translation>1 reposición</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="55"/>
        <source>Others</source>
        <translation>Otros</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="57"/>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="77"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="64"/>
        <source>unknown currency</source>
        <translation>moneda desconocida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="66"/>
        <source>Spend ({currency})</source>
        <translation>Gasto ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="67"/>
        <source>Profit ({currency})</source>
        <translation>Ganancia ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="33"/>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="34"/>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="35"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="36"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="37"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Spend</source>
        <translation>Gasto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="38"/>
        <source>With sell price</source>
        <translation>Con precio de venta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="39"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Profit</source>
        <translation>Ganancia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="48"/>
        <source>week of {day}</source>
        <translation>semana del {day}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="22"/>
        <source>No orders yet. Spending reports add up the orders you place from SMMDesk (or track by ID): place one from New order or Mass order and it appears here.</source>
        <translation>Aún no hay pedidos. Los informes de gasto suman los pedidos que haces desde SMMDesk (o que sigues por ID): haz uno desde Nuevo pedido o Pedido masivo y aparecerá aquí.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="29"/>
        <source>The start date is after the end date: pick a start on or before the end.</source>
        <translation>La fecha de inicio es posterior a la de fin: elige un inicio igual o anterior al fin.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="34"/>
        <source>Profit needs the sell price of each order, which this history does not record yet. Spend is shown instead.</source>
        <translation>La ganancia necesita el precio de venta de cada pedido, que este historial aún no registra. Se muestra el gasto en su lugar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="42"/>
        <source>{count} days are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} días son demasiadas barras para un gráfico: elige meses o un rango más corto. La tabla de abajo muestra todas las líneas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="47"/>
        <source>{count} weeks are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} semanas son demasiadas barras para un gráfico: elige meses o un rango más corto. La tabla de abajo muestra todas las líneas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="52"/>
        <source>{count} months are too many bars for one chart: choose fewer years or a shorter range. The table below lists every line.</source>
        <translation>{count} meses son demasiadas barras para un gráfico: elige menos años o un rango más corto. La tabla de abajo muestra todas las líneas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="67"/>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="80"/>
        <source>{count} orders from {first} to {last}.</source>
        <translation>{count} pedidos del {first} al {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="86"/>
        <source>1 order from {first} to {last}: {spent} spent.</source>
        <translation>1 pedido del {first} al {last}: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="87"/>
        <source>{count} orders from {first} to {last}: {spent} spent.</source>
        <translation>{count} pedidos del {first} al {last}: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="99"/>
        <source>Profit {profit} on the 1 order with a sell price.</source>
        <translation>Ganancia de {profit} en el único pedido con precio de venta.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="100"/>
        <source>Profit {profit} on the {count} orders with a sell price.</source>
        <translation>Ganancia de {profit} en los {count} pedidos con precio de venta.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="121"/>
        <source>This order has no sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Este pedido no tiene precio de venta, así que no hay ganancia que mostrar. Indica precios de venta en la pestaña Pedidos, o muestra el gasto.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="126"/>
        <source>None of these {count} orders has a sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Ninguno de estos {count} pedidos tiene precio de venta, así que no hay ganancia que mostrar. Indica precios de venta en la pestaña Pedidos, o muestra el gasto.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="139"/>
        <source>Amounts in {currencies} are kept apart, never added together. The chart shows {shown}; pick another currency above. The table lists them all.</source>
        <translation>Los importes en {currencies} se mantienen por separado y nunca se suman. El gráfico muestra {shown}; elige otra moneda arriba. La tabla las muestra todas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="152"/>
        <source>Nothing was spent in this currency and range: its orders were canceled, refunded or failed, and the panels gave the money back.</source>
        <translation>No se gastó nada en esta moneda y rango: sus pedidos se cancelaron, se reembolsaron o fallaron, y los paneles devolvieron el dinero.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="157"/>
        <source>Profit is zero on every order with a sell price in this range.</source>
        <translation>La ganancia es cero en todos los pedidos con precio de venta de este rango.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="166"/>
        <source>No orders were placed from {first} to {last}.</source>
        <translation>No se hicieron pedidos del {first} al {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="171"/>
        <source>That range is in the future.</source>
        <translation>Ese rango está en el futuro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="177"/>
        <source>Your one order was placed on {first}.</source>
        <translation>Tu único pedido se hizo el {first}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="178"/>
        <source>Your {count} orders were placed from {first} to {last}.</source>
        <translation>Tus {count} pedidos se hicieron del {first} al {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="61"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="62"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="63"/>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="64"/>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="65"/>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="68"/>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="70"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="71"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="72"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="73"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="124"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="126"/>
        <source>Save &amp;chart…</source>
        <translation>&amp;Guardar gráfico…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="132"/>
        <source>&amp;Range</source>
        <translation>&amp;Rango</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="133"/>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="134"/>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="135"/>
        <source>&amp;By</source>
        <translation>&amp;Intervalo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="145"/>
        <source>&amp;Per</source>
        <translation>&amp;Por</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="146"/>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="147"/>
        <source>C&amp;urrency</source>
        <translation>Mo&amp;neda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="214"/>
        <source>Adding up your orders…</source>
        <translation>Sumando tus pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="331"/>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="346"/>
        <source>Save chart</source>
        <translation>Guardar gráfico</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="351"/>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="385"/>
        <source>Exported 1 chart to {path}</source>
        <translation>1 gráfico exportado a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="388"/>
        <source>Exported 1 line to {path}</source>
        <translation>1 línea exportada a {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="389"/>
        <source>Exported {count} lines to {path}</source>
        <translation>{count} líneas exportadas a {path}</translation>
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
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="46"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="47"/>
        <source>Spend</source>
        <translation>Gasto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="48"/>
        <source>Placed → started</source>
        <translation>Realizado → iniciado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="49"/>
        <source>90% started within</source>
        <translation>90% iniciados en</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="50"/>
        <source>Placed → completed</source>
        <translation>Realizado → completado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="51"/>
        <source>90% completed within</source>
        <translation>90% completados en</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="52"/>
        <source>Partial</source>
        <translation>Parciales</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="53"/>
        <source>Canceled</source>
        <translation>Cancelados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="54"/>
        <source>Refunded</source>
        <translation>Reembolsados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="55"/>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="56"/>
        <source>Refills</source>
        <translation>Reposiciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="57"/>
        <source>Stuck</source>
        <translation>Atascados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="61"/>
        <source>partial</source>
        <translation>parciales</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="62"/>
        <source>canceled</source>
        <translation>cancelados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="63"/>
        <source>refunded</source>
        <translation>reembolsados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="64"/>
        <source>failed</source>
        <translation>fallidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="78"/>
        <source>{asked} asked: {done} done, {refused} refused</source>
        <translation>{asked} solicitadas: {done} hechas, {refused} denegadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="103"/>
        <source>(every service)</source>
        <translation>(todos los servicios)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="152"/>
        <source>From your 1 order: {spent} spent.</source>
        <translation>De tu único pedido: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="153"/>
        <source>From your {count} orders: {spent} spent.</source>
        <translation>De tus {count} pedidos: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="156"/>
        <source>Placed → started: {spread}.</source>
        <translation>Realizado → iniciado: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="159"/>
        <source>Placed → completed: {spread}.</source>
        <translation>Realizado → completado: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="164"/>
        <source>{outcome} {share}</source>
        <translation>{outcome} {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="175"/>
        <source>Of 1 finished order: {shares}.</source>
        <translation>De 1 pedido finalizado: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="176"/>
        <source>Of {count} finished orders: {shares}.</source>
        <translation>De {count} pedidos finalizados: {shares}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="182"/>
        <source>Refills: {refills}.</source>
        <translation>Reposiciones: {refills}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="188"/>
        <source>1 order with no progress lately.</source>
        <translation>1 pedido sin avances últimamente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="189"/>
        <source>{count} orders with no progress lately.</source>
        <translation>{count} pedidos sin avances últimamente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="27"/>
        <source>No orders yet. The scorecard is worked out from your own orders: how fast each service started and completed, how often it ended partial, canceled or refunded. Place orders and it fills in as they progress.</source>
        <translation>Aún no hay pedidos. El rendimiento se calcula a partir de tus propios pedidos: qué tan rápido empezó y se completó cada servicio, y con qué frecuencia terminó parcial, cancelado o reembolsado. Haz pedidos y se irá completando a medida que avancen.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per service</source>
        <translation>Por servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per panel</source>
        <translation>Por panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="57"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="59"/>
        <source>An order not final with no progress for this long is stuck</source>
        <translation>Un pedido no finalizado que pasa este tiempo sin avances se considera atascado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="61"/>
        <source>&amp;Stuck after no progress for</source>
        <translation>&amp;Atascado tras no avanzar durante</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="95"/>
        <source>Working out the scorecard from your orders…</source>
        <translation>Calculando el rendimiento a partir de tus pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="150"/>
        <source>From your {orders} on {panels}, {services}. Times run from placing to the first refresh that saw the order started or completed; each figure says how many orders it rests on.</source>
        <translation>Calculado con tus pedidos ({orders}) en {panels}, {services}. Los tiempos van desde que se hace el pedido hasta la primera actualización que lo vio iniciado o completado; cada cifra indica en cuántos pedidos se basa.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>1 panel</source>
        <translation>1 panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>{count} panels</source>
        <translation>{count} paneles</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="162"/>
        <source>1 service</source>
        <translation>1 servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="163"/>
        <source>{count} services</source>
        <translation>{count} servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="168"/>
        <source>One order is too few to judge a provider by.</source>
        <translation>Un solo pedido es muy poco para juzgar a un proveedor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="173"/>
        <source>1 order had no progress for {hours} h or more.</source>
        <translation>1 pedido lleva {hours} h o más sin avances.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="174"/>
        <source>{count} orders had no progress for {hours} h or more.</source>
        <translation>{count} pedidos llevan {hours} h o más sin avances.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="22"/>
        <source>You have not ordered this service yet: no figures of your own.</source>
        <translation>Aún no has pedido este servicio: no hay cifras propias.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="49"/>
        <source>Reading your orders of this service…</source>
        <translation>Leyendo tus pedidos de este servicio…</translation>
    </message>
</context>
<context>
    <name>ServiceDetails</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="52"/>
        <source>Service description</source>
        <translation>Descripción del servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="57"/>
        <source>Order this</source>
        <translation>Pedir este servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="60"/>
        <source>Open the New order form with this service ({key})</source>
        <translation>Abrir el formulario Nuevo pedido con este servicio ({key})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="84"/>
        <source>Select a service to see its details.</source>
        <translation>Selecciona un servicio para ver sus detalles.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="89"/>
        <source>The panel gives no description.</source>
        <translation>El panel no da ninguna descripción.</translation>
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
        <translation>Tarifa: {rate}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="133"/>
        <source>Quantity: {min} to {max}</source>
        <translation>Cantidad: de {min} a {max}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="140"/>
        <source>{change}: {detail}</source>
        <translation>{change}: {detail}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="151"/>
        <source>Refill: yes</source>
        <translation>Reposición: sí</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="153"/>
        <source>Refill: no</source>
        <translation>Reposición: no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="154"/>
        <source>Cancel: yes</source>
        <translation>Cancelación: sí</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="156"/>
        <source>Cancel: no</source>
        <translation>Cancelación: no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="157"/>
        <source>Drip-feed: yes</source>
        <translation>Drip-feed: sí</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="159"/>
        <source>Drip-feed: no</source>
        <translation>Drip-feed: no</translation>
    </message>
</context>
<context>
    <name>ServiceFilter</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="32"/>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="33"/>
        <source>{star} Favourites</source>
        <translation>{star} Favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="37"/>
        <source>Search name, category or ID  (Ctrl+F)</source>
        <translation>Buscar nombre, categoría o ID  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="39"/>
        <source>Search services</source>
        <translation>Buscar servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="41"/>
        <source>Every word you type must appear in the service&apos;s name, category or ID, in any order</source>
        <translation>Cada palabra que escribas debe aparecer en el nombre, la categoría o el ID del servicio, en cualquier orden</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="54"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="56"/>
        <source>A category, or {favourites}: your starred services and those the panel dropped</source>
        <translation>Una categoría, o {favourites}: tus servicios con estrella y los que el panel ha retirado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="64"/>
        <source>&amp;Refill</source>
        <translation>R&amp;eposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="65"/>
        <source>Only services you can ask a refill for</source>
        <translation>Solo servicios para los que se puede pedir reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="69"/>
        <source>C&amp;ancel</source>
        <translation>Cance&amp;lación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="70"/>
        <source>Only services whose orders you can ask to cancel</source>
        <translation>Solo servicios cuyos pedidos se pueden cancelar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="74"/>
        <source>&amp;Drip-feed</source>
        <translation>&amp;Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="75"/>
        <source>Only services that can be delivered in runs</source>
        <translation>Solo servicios que se pueden entregar en varias ejecuciones</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="79"/>
        <source>Changes on&amp;ly</source>
        <translation>Solo cam&amp;bios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="80"/>
        <source>Only services that are new or re-priced since the last fetch</source>
        <translation>Solo servicios nuevos o con cambio de precio desde la última descarga</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="58"/>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="59"/>
        <source>Ordered recently</source>
        <translation>Pedido recientemente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="71"/>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="63"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="72"/>
        <source>Rate / 1000</source>
        <translation>Tarifa / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="73"/>
        <source>Min – max</source>
        <translation>Mín. – máx.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="231"/>
        <source>Favourite or recent</source>
        <translation>Favorito o reciente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="57"/>
        <source>Clear search</source>
        <translation>Borrar búsqueda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="114"/>
        <source>No service matches “{typed}”. Esc goes back.</source>
        <translation>Ningún servicio coincide con «{typed}». Esc para volver.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="118"/>
        <source>This panel lists no services yet.</source>
        <translation>Este panel aún no tiene servicios en su lista.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="186"/>
        <source>1 service matches · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 servicio coincide · ↑ ↓ para moverte, Intro para elegir, Esc para volver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="190"/>
        <source>{count} services match · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} servicios coinciden · ↑ ↓ para moverte, Intro para elegir, Esc para volver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="194"/>
        <source>1 service · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 servicio · ↑ ↓ para moverte, Intro para elegir, Esc para volver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="197"/>
        <source>{count} services · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} servicios · ↑ ↓ para moverte, Intro para elegir, Esc para volver</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="61"/>
        <source>Search services by ID, name or category…</source>
        <translation>Buscar servicios por ID, nombre o categoría…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="70"/>
        <source>All services (Down)</source>
        <translation>Todos los servicios (Abajo)</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="27"/>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="28"/>
        <source>Price ↑</source>
        <translation>Precio ↑</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="29"/>
        <source>Price ↓</source>
        <translation>Precio ↓</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="49"/>
        <source>New since the previous fetch of the catalogue</source>
        <translation>Nuevo desde la descarga anterior del catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="50"/>
        <source>was {old}, now {new}</source>
        <translation>antes {old}, ahora {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="55"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="56"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="57"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="58"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="59"/>
        <source>Rate / 1000</source>
        <translation>Tarifa / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="60"/>
        <source>Min</source>
        <translation>Mín.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="61"/>
        <source>Max</source>
        <translation>Máx.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="62"/>
        <source>Refill</source>
        <translation>Reposición</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="63"/>
        <source>Cancel</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="64"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="67"/>
        <source>The panel&apos;s ID of the service</source>
        <translation>El ID del servicio en el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="68"/>
        <source>What the order form asks for this service (Default, Package, …)</source>
        <translation>Lo que pide el formulario de pedido para este servicio (Default, Package, …)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="71"/>
        <source>The panel&apos;s price per 1000, or per package for package services</source>
        <translation>El precio del panel por 1000, o por paquete en los servicios de paquete</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="74"/>
        <source>The smallest quantity the panel accepts</source>
        <translation>La cantidad mínima que acepta el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="75"/>
        <source>The largest quantity the panel accepts</source>
        <translation>La cantidad máxima que acepta el panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="76"/>
        <source>✓: you can ask the panel for a refill</source>
        <translation>✓: puedes pedir una reposición al panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="77"/>
        <source>✓: you can ask the panel to cancel the order</source>
        <translation>✓: puedes pedir al panel que cancele el pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="78"/>
        <source>✓: the order can be delivered in runs (drip-feed)</source>
        <translation>✓: el pedido se puede entregar en varias ejecuciones (drip-feed)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="81"/>
        <source>Favourites: click a star, or press Ctrl+D</source>
        <translation>Favoritos: haz clic en una estrella o pulsa Ctrl+D</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="85"/>
        <source>Rate per 1000</source>
        <translation>Tarifa por 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="86"/>
        <source>Minimum quantity</source>
        <translation>Cantidad mínima</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="87"/>
        <source>Maximum quantity</source>
        <translation>Cantidad máxima</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="88"/>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="95"/>
        <source>New · {name}</source>
        <translation>Nuevo · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="106"/>
        <source>Order this</source>
        <translation>Pedir este servicio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="111"/>
        <source>Refresh catalogue</source>
        <translation>Actualizar catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="114"/>
        <source>Fetch the panel&apos;s services and prices again (F5)</source>
        <translation>Volver a descargar los servicios y precios del panel (F5)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="121"/>
        <source>Refreshing the catalogue</source>
        <translation>Actualizando el catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="154"/>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="217"/>
        <source>Refreshing the catalogue…</source>
        <translation>Actualizando el catálogo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="297"/>
        <source>Could not refresh the catalogue: {reason}</source>
        <translation>No se pudo actualizar el catálogo: {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="355"/>
        <source>Show all services</source>
        <translation>Mostrar todos los servicios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="359"/>
        <source>Clear search and filters</source>
        <translation>Borrar búsqueda y filtros</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="417"/>
        <source>Loading catalogue…</source>
        <translation>Cargando catálogo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="424"/>
        <source>Fetched {time}</source>
        <translation>Descargado el {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="438"/>
        <source>1 service · catalogue from cache, fetched {age}</source>
        <translation>1 servicio · catálogo en caché, descargado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="440"/>
        <source>{count} services · catalogue from cache, fetched {age}</source>
        <translation>{count} servicios · catálogo en caché, descargado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="442"/>
        <source>1 service · fetched {age}</source>
        <translation>1 servicio · descargado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="444"/>
        <source>{count} services · fetched {age}</source>
        <translation>{count} servicios · descargado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="451"/>
        <source>Catalogue refreshed</source>
        <translation>Catálogo actualizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="453"/>
        <source>Catalogue refreshed: no changes since the last fetch</source>
        <translation>Catálogo actualizado: sin cambios desde la última descarga</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="454"/>
        <source>Catalogue refreshed: {new} new, {repriced} re-priced, {gone} no longer listed</source>
        <translation>Catálogo actualizado: {new} nuevos, {repriced} con cambio de precio, {gone} ya no aparecen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="464"/>
        <source>No service matches the search and filters.</source>
        <translation>Ningún servicio coincide con la búsqueda y los filtros.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="472"/>
        <source>1 service was skipped: {entries}</source>
        <translation>Se omitió 1 servicio: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="474"/>
        <source>{count} services were skipped: {entries}</source>
        <translation>Se omitieron {count} servicios: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="482"/>
        <source>… and {count} more</source>
        <translation>… y {count} más</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="484"/>
        <source>The panel&apos;s answer had entries SMMDesk could not read. A skipped service that was cached before keeps its cached details here.</source>
        <translation>La respuesta del panel tenía entradas que SMMDesk no pudo leer. Un servicio omitido que ya estaba en caché conserva aquí sus datos guardados.</translation>
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
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="38"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="118"/>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="40"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="43"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Cuántos pedidos de un pedido masivo se envían a la vez. Un lote que ya se está enviando mantiene su número; el siguiente que se inicie o reanude usará el nuevo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="60"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="121"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>Se aplica la próxima vez que se inicie SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="125"/>
        <source>Notify me when</source>
        <translation>Avisarme de</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="136"/>
        <source>Price board</source>
        <translation>Tablero de precios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="149"/>
        <source>One currency a line, as CODE=value: what one unit is worth in the currency prices are compared in, for example EUR=1.08. Never looked up online.</source>
        <translation>Una moneda por línea, como CÓDIGO=valor: lo que vale una unidad en la moneda en que se comparan los precios, por ejemplo EUR=1.08. Nunca se consulta en línea.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="65"/>
        <source>Talking to the panel…</source>
        <translation>Comunicando con el panel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="94"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Actualizando {done} de {total} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="112"/>
        <source>Updated {time}</source>
        <translation>Actualizado {time}</translation>
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
    <name>TrackOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="53"/>
        <source>CSV or text files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Archivos CSV o de texto (*.csv *.tsv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="56"/>
        <source>Paste the IDs of orders placed on this panel outside SMMDesk — separated by new lines, commas, spaces or tabs — or open a CSV file and pick its ID column. The panel is asked about each; only the IDs it confirms are added, with their status.</source>
        <translation>Pega los IDs de los pedidos hechos en este panel fuera de SMMDesk —separados por saltos de línea, comas, espacios o tabulaciones— o abre un archivo CSV y elige su columna de IDs. Se consulta al panel por cada uno; solo se añaden los IDs que confirma, con su estado.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="72"/>
        <source>Nothing was pasted: {count} characters is more than a list of order IDs. Paste the ID column only, or open the file.</source>
        <translation>No se pegó nada: {count} caracteres es más que una lista de IDs de pedido. Pega solo la columna de IDs, o abre el archivo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="87"/>
        <source>Track existing order IDs</source>
        <translation>Seguir IDs de pedidos existentes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="113"/>
        <source>Open CSV file…</source>
        <translation>Abrir archivo CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="118"/>
        <source>The column of the file that holds the order IDs</source>
        <translation>La columna del archivo que contiene los IDs de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="138"/>
        <source>Track</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="143"/>
        <source>Copy summary</source>
        <translation>Copiar resumen</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="199"/>
        <source>1 ID</source>
        <translation>1 ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="200"/>
        <source>{count} IDs</source>
        <translation>{count} IDs</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="204"/>
        <source>{count} repeated</source>
        <translation>{count} repetidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} ya en seguimiento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="220"/>
        <source>Open a file of order IDs</source>
        <translation>Abrir un archivo de IDs de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="260"/>
        <source>{file} · column “{column}”</source>
        <translation>{file} · columna «{column}»</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="273"/>
        <source>Asking the panel</source>
        <translation>Consultando al panel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="304"/>
        <source>Nothing more was tracked: {problem}</source>
        <translation>No se siguió nada más: {problem}</translation>
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
