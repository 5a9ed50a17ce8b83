<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="32"/>
        <source>About SMMDesk</source>
        <translation>Sobre o SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="43"/>
        <source>A desktop for resellers of SMM panel services (API v2).</source>
        <translation>Um aplicativo de desktop para revendedores de serviços de painéis SMM (API v2).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="49"/>
        <source>Data folder: {path}</source>
        <translation>Pasta de dados: {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/about.py" line="50"/>
        <source>Log folder: {path}</source>
        <translation>Pasta de logs: {path}</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="74"/>
        <source>Run a command</source>
        <translation>Executar um comando</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="80"/>
        <source>Type a command: refresh, new order, settings…</source>
        <translation>Digite um comando: atualizar, novo pedido, configurações…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="82"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/command_palette.py" line="87"/>
        <source>Matching commands</source>
        <translation>Comandos correspondentes</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="36"/>
        <source>Keys are kept for this session only, and none was entered for this panel yet.</source>
        <translation>As chaves ficam guardadas só nesta sessão, e nenhuma foi digitada para este painel ainda.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="67"/>
        <source>No API key is stored for “{panel}”. Open Panels… and enter the key.</source>
        <translation>Nenhuma chave de API está salva para “{panel}”. Abra Painéis… e digite a chave.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="71"/>
        <source>SMMDesk cannot read the API key of “{panel}”. {problem}</source>
        <translation>O SMMDesk não consegue ler a chave de API de “{panel}”. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="79"/>
        <source>Panel {id} no longer exists.</source>
        <translation>O painel {id} não existe mais.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/clients.py" line="258"/>
        <source>The proxy of “{panel}” cannot be used. {problem} Correct it in Panels…</source>
        <translation>O proxy de “{panel}” não pode ser usado. {problem} Corrija-o em Painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/errors.py" line="18"/>
        <source>SMMDesk hit a bug while {doing} ({error}). Nothing was lost; the details are in the log file.</source>
        <translation>O SMMDesk encontrou um bug ({error}) nesta tarefa: {doing}. Nada foi perdido; os detalhes estão no arquivo de log.</translation>
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
        <translation>Verifique a chave em Painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="61"/>
        <source>The panel refused</source>
        <translation>O painel recusou</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="63"/>
        <source>No answer from the panel</source>
        <translation>Sem resposta do painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="65"/>
        <source>Cannot reach the panel</source>
        <translation>Não foi possível acessar o painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="67"/>
        <source>Connection problem</source>
        <translation>Problema de conexão</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="69"/>
        <source>Unexpected answer from the panel</source>
        <translation>Resposta inesperada do painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="72"/>
        <source>Invalid panel URL</source>
        <translation>URL do painel inválida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="74"/>
        <source>The system keyring is not available</source>
        <translation>O chaveiro do sistema não está disponível</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="79"/>
        <source>Not saved</source>
        <translation>Não salvo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="81"/>
        <source>Cannot do that now</source>
        <translation>Não é possível fazer isso agora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="83"/>
        <location filename="../../smmdesk/ui/common/errors.py" line="85"/>
        <source>Internal error</source>
        <translation>Erro interno</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="84"/>
        <source>SMMDesk hit a bug ({name}).</source>
        <translation>O SMMDesk encontrou um bug ({name}).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="98"/>
        <source>Check your connection or the panel&apos;s proxy setting, then try again.</source>
        <translation>Verifique sua conexão ou a configuração de proxy do painel e tente novamente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="103"/>
        <source>Please report it with the log file (Help ▸ Open log folder).</source>
        <translation>Informe o problema enviando o arquivo de log (Ajuda ▸ Abrir pasta de logs).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="106"/>
        <source>The panel may be down, behind a browser check, or the URL may not be its API endpoint.</source>
        <translation>O painel pode estar fora do ar ou atrás de uma verificação de navegador, ou a URL pode não ser o endpoint da API dele.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="111"/>
        <source>Storage problem</source>
        <translation>Problema de armazenamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="113"/>
        <source>The disk is full</source>
        <translation>O disco está cheio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="114"/>
        <source>Cannot write to the data folder</source>
        <translation>Não é possível gravar na pasta de dados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="115"/>
        <source>The database is damaged</source>
        <translation>O banco de dados está corrompido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="116"/>
        <source>The database is in use</source>
        <translation>O banco de dados está em uso</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="117"/>
        <source>Cannot open the database</source>
        <translation>Não é possível abrir o banco de dados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/errors.py" line="118"/>
        <source>Disk error</source>
        <translation>Erro de disco</translation>
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
        <translation>por pacote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="56"/>
        <source>{rate} per package</source>
        <translation>{rate} por pacote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="57"/>
        <source>{rate} per 1000</source>
        <translation>{rate} por 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="93"/>
        <source>just now</source>
        <translation>agora mesmo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="95"/>
        <source>{count} min ago</source>
        <translation>há {count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="97"/>
        <source>{count} h ago</source>
        <translation>há {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>1 day ago</source>
        <translation>há 1 dia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="101"/>
        <source>{count} days ago</source>
        <translation>há {count} dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Última atualização às {time} · verificados: {checked}, alterados: {changed}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="109"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Última atualização às {time} · verificados: {checked}, alterados: {changed}, 1 erro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="113"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Última atualização às {time} · verificados: {checked}, alterados: {changed}, erros: {errors}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="136"/>
        <source>Refill</source>
        <translation>Reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="137"/>
        <source>Cancel</source>
        <translation>Cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="138"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (tipo desconhecido)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="146"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Preço {rate} · Mín. {min}, máx. {max}</translation>
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
        <translation>{doing}: parando…</translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="31"/>
        <source>SMMDesk needs the API key of “{panel}”, but cannot read it from the system keyring.
{problem}

Enter the key to use “{panel}” until SMMDesk closes. It is kept in memory only: you will be asked again after a restart.</source>
        <translation>O SMMDesk precisa da chave de API de “{panel}”, mas não consegue lê-la do chaveiro do sistema.
{problem}

Digite a chave para usar “{panel}” até fechar o SMMDesk. Ela fica apenas na memória: será pedida novamente após reiniciar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="38"/>
        <source>API key needed</source>
        <translation>Chave de API necessária</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="46"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>Sua chave de API, da página de API do painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="48"/>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="52"/>
        <source>Use for this session</source>
        <translation>Usar nesta sessão</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_prompt.py" line="57"/>
        <source>Not now</source>
        <translation>Agora não</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="72"/>
        <source>O&amp;verview</source>
        <translation>&amp;Visão geral</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="73"/>
        <source>&amp;Services</source>
        <translation>&amp;Serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="74"/>
        <location filename="../../smmdesk/ui/window/main_window.py" line="288"/>
        <source>&amp;New order</source>
        <translation>&amp;Novo pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="75"/>
        <source>&amp;Mass order</source>
        <translation>Pedido em &amp;massa</translation>
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
        <translation>&amp;Reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="78"/>
        <source>&amp;Prices</source>
        <translation>Pr&amp;eços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="79"/>
        <source>&amp;Insight</source>
        <translation>Anál&amp;ises</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="116"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="264"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="268"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="273"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="277"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Atualizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="281"/>
        <source>&amp;Find</source>
        <translation>&amp;Localizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="285"/>
        <source>&amp;Command palette…</source>
        <translation>Paleta de &amp;comandos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="309"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;Sobre o SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="312"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir pasta de &amp;logs</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="317"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="321"/>
        <source>Manage panels…</source>
        <translation>Gerenciar painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="333"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="337"/>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../smmdesk/ui/common/notice_banner.py" line="39"/>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="16"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="22"/>
        <source>completed</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="17"/>
        <source>went partial</source>
        <translation>Parcial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="18"/>
        <source>canceled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="19"/>
        <source>refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="23"/>
        <source>rejected or failed</source>
        <translation>Rejeitado ou com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="39"/>
        <source>A refill</source>
        <translation>Uma reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="41"/>
        <source>{count} refills</source>
        <translation>{count} reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="43"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="61"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} em {panel}: status {verb}</translation>
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
        <translation> e mais {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="85"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>Um pedido em {panel} pode ou não ter sido feito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="87"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>{count} pedidos em {panel} podem ou não ter sido feitos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="88"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Confira a lista de pedidos do painel e depois resolva ou dispense-os em Não confirmados.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="95"/>
        <source>Balance on {panel} is low</source>
        <translation>Saldo baixo em {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="96"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>Restam {balance}; o alerta está definido em {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="105"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>Um serviço que você pediu mudou em {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="107"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>{count} serviços que você pediu mudaram em {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: não está mais listado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="117"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="125"/>
        <source>and {count} more</source>
        <translation>e mais {count}</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="70"/>
        <source>The amount cannot be negative.</source>
        <translation>O valor não pode ser negativo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="75"/>
        <source>At most {count} decimals, as panels keep.</source>
        <translation>No máximo {count} casas decimais, como os painéis guardam.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/amount_input.py" line="86"/>
        <source>Type an amount such as {example}, or leave it empty for no warning.</source>
        <translation>Digite um valor como {example} ou deixe vazio para não ter alerta.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="47"/>
        <source>1 order unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>1 pedido não confirmado em {panel}: confira no painel e depois resolva ou dispense</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="50"/>
        <source>{count} orders unconfirmed on {panel}: look on the panel, then resolve or dismiss</source>
        <translation>{count} pedidos não confirmados em {panel}: confira no painel e depois resolva ou dispense</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="57"/>
        <source>1 order refused on {panel} since yesterday</source>
        <translation>1 pedido recusado em {panel} desde ontem</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="58"/>
        <source>{count} orders refused on {panel} since yesterday</source>
        <translation>{count} pedidos recusados em {panel} desde ontem</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="62"/>
        <source>1 order partial on {panel}, refill still possible</source>
        <translation>1 pedido parcial em {panel}, reposição ainda possível</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="63"/>
        <source>{count} orders partial on {panel}, refill still possible</source>
        <translation>{count} pedidos parciais em {panel}, reposição ainda possível</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="139"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="260"/>
        <source>Show these orders in the Orders tab</source>
        <translation>Mostrar estes pedidos na aba Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/attention_model.py" line="147"/>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="227"/>
        <source>Link: shows these orders in the Orders tab</source>
        <translation>Link: mostra estes pedidos na aba Pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="26"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="27"/>
        <source>The panel; the demo panel&apos;s money is pretend</source>
        <translation>O painel; o dinheiro do painel demo é fictício</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="30"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="31"/>
        <source>The balance as last fetched, and whether it is below your warning</source>
        <translation>O saldo da última consulta e se está abaixo do seu alerta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="36"/>
        <source>Warn below</source>
        <translation>Alertar abaixo de</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="37"/>
        <source>Warn when the balance is below this amount (edit in place)</source>
        <translation>Alertar quando o saldo ficar abaixo deste valor (edite direto na tabela)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="40"/>
        <source>Active</source>
        <translation>Ativos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="41"/>
        <source>Orders pending or in progress</source>
        <translation>Pedidos pendentes ou em andamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="44"/>
        <source>Unconfirmed</source>
        <translation>Não confirmados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="45"/>
        <source>Orders whose placing is unclear: check them on the panel</source>
        <translation>Pedidos cujo envio é incerto: confira-os no painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="48"/>
        <source>Failed refills</source>
        <translation>Reposições com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="49"/>
        <source>Orders whose latest refill was refused, rejected or failed (last 30 days)</source>
        <translation>Pedidos cuja última reposição foi recusada, rejeitada ou falhou (últimos 30 dias)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="54"/>
        <source>Spent today</source>
        <translation>Gasto hoje</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="55"/>
        <source>Charged for orders placed today, per currency</source>
        <translation>Valor cobrado pelos pedidos feitos hoje, por moeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="58"/>
        <source>7 days</source>
        <translation>7 dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="59"/>
        <source>Charged for orders placed in the last 7 days, per currency</source>
        <translation>Valor cobrado pelos pedidos feitos nos últimos 7 dias, por moeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="62"/>
        <source>30 days</source>
        <translation>30 dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/columns.py" line="63"/>
        <source>Charged for orders placed in the last 30 days, per currency</source>
        <translation>Valor cobrado pelos pedidos feitos nos últimos 30 dias, por moeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="78"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Atualizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="81"/>
        <source>Read the figures again and fetch every panel&apos;s balance</source>
        <translation>Ler os números novamente e consultar o saldo de todos os painéis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="92"/>
        <source>Needs attention</source>
        <translation>Requer atenção</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="100"/>
        <source>Nothing needs your attention.</source>
        <translation>Nada requer sua atenção.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="124"/>
        <source>The Demo panel&apos;s balance is pretend money: orders placed there are simulated and cost nothing. Add your own panel to see its balance, its orders and what you spend here, next to every other panel you use.</source>
        <translation>O saldo do painel Demo é dinheiro fictício: os pedidos feitos nele são simulados e não custam nada. Adicione seu próprio painel para ver aqui o saldo, os pedidos e quanto você gasta, ao lado de todos os outros painéis que você usa.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/layout.py" line="131"/>
        <source>&amp;Add your panel…</source>
        <translation>&amp;Adicionar seu painel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_model.py" line="258"/>
        <source>Double-click or press F2 to change; empty: no warning</source>
        <translation>Clique duas vezes ou pressione F2 para alterar; vazio: sem alerta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="110"/>
        <source>Reading the figures…</source>
        <translation>Lendo os números…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="139"/>
        <source>Figures of {time}</source>
        <translation>Números das {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="153"/>
        <source>The figures could not be read: {problem}</source>
        <translation>Não foi possível ler os números: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/overview_pane.py" line="217"/>
        <source>Warning for {panel} not changed: {problem}</source>
        <translation>Alerta de {panel} não alterado: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="48"/>
        <source>{name} (pretend money)</source>
        <translation>{name} (dinheiro fictício)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="58"/>
        <source>{money} · low</source>
        <translation>{money} · baixo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="67"/>
        <source>Last known balance: {money}</source>
        <translation>Último saldo conhecido: {money}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="69"/>
        <source>The balance has not been fetched yet.</source>
        <translation>O saldo ainda não foi consultado.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="72"/>
        <source>Below your warning of {money}.</source>
        <translation>Abaixo do seu alerta de {money}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/overview/panel_row.py" line="74"/>
        <source>The demo panel&apos;s money is pretend: nothing is real.</source>
        <translation>O dinheiro do painel demo é fictício: nada é real.</translation>
    </message>
</context>
<context>
    <name>PanelListModel</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="58"/>
        <source>Built-in demo panel: no key needed</source>
        <translation>Painel demo integrado: não precisa de chave</translation>
    </message>
</context>
<context>
    <name>PanelSwitcher</name>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_switcher.py" line="75"/>
        <source>Active panel</source>
        <translation>Painel ativo</translation>
    </message>
</context>
<context>
    <name>PanelsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="20"/>
        <source>optional, e.g. socks5://user:password@host:1080</source>
        <translation>opcional, ex.: socks5://user:password@host:1080</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="22"/>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/connection_fields.py" line="24"/>
        <source>Most panels allow 60 to 120 requests a minute per key. Set the panel&apos;s limit here so SMMDesk never exceeds it; leave empty for no limit.</source>
        <translation>A maioria dos painéis permite de 60 a 120 requisições por minuto por chave. Defina aqui o limite do painel para que o SMMDesk nunca o ultrapasse; deixe vazio para não ter limite.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="14"/>
        <source>Your API key from the panel&apos;s API page</source>
        <translation>Sua chave de API, da página de API do painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="15"/>
        <source>Type a new key to replace it</source>
        <translation>Digite uma nova chave para substituí-la</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="25"/>
        <source>Key: saved in the system keyring.</source>
        <translation>Chave: salva no chaveiro do sistema.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="27"/>
        <source>Key: kept for this session only; enter it again after restarting SMMDesk.</source>
        <translation>Chave: mantida só nesta sessão; digite-a novamente após reiniciar o SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="33"/>
        <source>Key: none for this session (the system keyring is not in use).</source>
        <translation>Chave: nenhuma nesta sessão (o chaveiro do sistema não está em uso).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="38"/>
        <source>Key: no key saved.</source>
        <translation>Chave: nenhuma chave salva.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="39"/>
        <source>Key: the system keyring cannot be read. {problem}</source>
        <translation>Chave: não é possível ler o chaveiro do sistema. {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="46"/>
        <source>The API key of removed panel “{panel}” may still be in the system keyring (SMMDesk closed before deleting it).</source>
        <translation>A chave de API do painel removido “{panel}” pode ainda estar no chaveiro do sistema (o SMMDesk foi fechado antes de excluí-la).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="51"/>
        <source>The API key of removed panel “{panel}” could not be deleted from the system keyring: {problem}</source>
        <translation>A chave de API do painel removido “{panel}” não pôde ser excluída do chaveiro do sistema: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="61"/>
        <source>Retry deleting the keys</source>
        <translation>Tentar excluir as chaves novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="62"/>
        <source>Retry deleting the key</source>
        <translation>Tentar excluir a chave novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="69"/>
        <source>The key and proxy password cannot be saved</source>
        <translation>Não é possível salvar a chave e a senha do proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="70"/>
        <source>{why}

Keep the key and proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Manter a chave e a senha do proxy na memória só nesta sessão? Você precisará digitá-las novamente após reiniciar o SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="76"/>
        <source>The key cannot be saved</source>
        <translation>Não é possível salvar a chave</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="77"/>
        <source>{why}

Keep the key in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Manter a chave na memória só nesta sessão? Você precisará digitá-la novamente após reiniciar o SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="83"/>
        <source>The proxy password cannot be saved</source>
        <translation>Não é possível salvar a senha do proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/key_words.py" line="84"/>
        <source>{why}

Keep the proxy password in memory for this session only? You will need to enter it again after restarting SMMDesk.</source>
        <translation>{why}

Manter a senha do proxy na memória só nesta sessão? Você precisará digitá-la novamente após reiniciar o SMMDesk.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="12"/>
        <source>The built-in demo panel needs no key and cannot be edited or removed.</source>
        <translation>O painel demo integrado não precisa de chave e não pode ser editado nem removido.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="19"/>
        <source>Remove “{panel}”? Its cached catalogue and the order history kept on this computer are deleted too; orders on the panel itself are not affected.</source>
        <translation>Remover “{panel}”? O catálogo em cache e o histórico de pedidos guardados neste computador também serão excluídos; os pedidos no próprio painel não são afetados.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <source>Remove panel</source>
        <translation>Remover painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="24"/>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="29"/>
        <source>This API URL uses plain http://, so your API key and orders would travel unencrypted and could be read by anyone on the network path.

Use it anyway?</source>
        <translation>Esta URL da API usa http:// simples, então sua chave de API e seus pedidos trafegariam sem criptografia e poderiam ser lidos por qualquer pessoa no caminho da rede.

Usar mesmo assim?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="35"/>
        <source>Unencrypted connection</source>
        <translation>Conexão sem criptografia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panel_words.py" line="36"/>
        <source>Use http:// anyway</source>
        <translation>Usar http:// mesmo assim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="79"/>
        <source>Panels</source>
        <translation>Painéis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="107"/>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="112"/>
        <source>e.g. My main panel</source>
        <translation>ex.: Meu painel principal</translation>
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
        <translation>Mostrar ou ocultar a chave</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="126"/>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="129"/>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="169"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="170"/>
        <source>API URL</source>
        <translation>URL da API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="171"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="172"/>
        <source>Requests a minute</source>
        <translation>Requisições por minuto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="173"/>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="221"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="233"/>
        <source>Enter the API key (from the panel&apos;s API page).</source>
        <translation>Digite a chave de API (da página de API do painel).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="261"/>
        <source>Enter the API key to test the connection.</source>
        <translation>Digite a chave de API para testar a conexão.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="268"/>
        <source>Testing the connection…</source>
        <translation>Testando a conexão…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="275"/>
        <source>Connected. Balance: {balance}</source>
        <translation>Conectado. Saldo: {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="292"/>
        <source>The key is kept in memory for this session only.</source>
        <translation>A chave fica na memória só nesta sessão.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="327"/>
        <source>Key: {problem}</source>
        <translation>Chave: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="372"/>
        <source>Key: checking where it is…</source>
        <translation>Chave: verificando onde está…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="377"/>
        <source>New panel</source>
        <translation>Novo painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="399"/>
        <source>A panel needs a name and its API URL.</source>
        <translation>Um painel precisa de um nome e da URL da API.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="414"/>
        <source>Use the panel&apos;s https:// address.</source>
        <translation>Use o endereço https:// do painel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="429"/>
        <source>Use for this session only</source>
        <translation>Usar só nesta sessão</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/panels/panels_dialog.py" line="434"/>
        <source>Saved without a key: enter it again when a keyring works.</source>
        <translation>Salvo sem chave: digite-a novamente quando um chaveiro funcionar.</translation>
    </message>
</context>
<context>
    <name>PriceBoardModel</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="36"/>
        <source>not compared</source>
        <translation>não comparado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="57"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="58"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="59"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="60"/>
        <source>Rate</source>
        <translation>Preço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="61"/>
        <source>Panel&apos;s rate</source>
        <translation>Preço do painel</translation>
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
        <translation>Reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Cancel</source>
        <translation>Cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="80"/>
        <source>Lifetime</source>
        <translation>Vitalícia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="82"/>
        <source>No refill</source>
        <translation>Sem reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="84"/>
        <source>{count} days</source>
        <translation>{count} dias</translation>
    </message>
</context>
<context>
    <name>PriceBoardPane</name>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="61"/>
        <source>Search every panel: words in any order…</source>
        <translation>Pesquisar em todos os painéis: palavras em qualquer ordem…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="69"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Comparar em</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Rates…</source>
        <translation>&amp;Taxas…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Order on this panel</source>
        <translation>Fazer &amp;pedido neste painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="148"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Lendo o catálogo de todos os painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="176"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Ainda não há catálogo em cache: abra uma vez a aba Serviços de um painel para baixá-lo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="183"/>
        <source>unknown</source>
        <translation>desconhecida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="186"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 painel, {services} serviços, do mais barato ao mais caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="188"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} painéis, {services} serviços, do mais barato ao mais caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="193"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Não comparados (sem taxa de conversão para {currencies}): adicione uma em Taxas…</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="22"/>
        <source>One currency a line, as CODE=value: what one unit is worth in {board}. For example EUR=1.08 or INR=0.012. Lines that do not read so are left out.</source>
        <translation>Uma moeda por linha, no formato CÓDIGO=valor: quanto vale uma unidade em {board}. Por exemplo, EUR=1.08 ou INR=0.012. Linhas fora desse formato são ignoradas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/rates_dialog.py" line="27"/>
        <source>Conversion rates</source>
        <translation>Taxas de conversão</translation>
    </message>
</context>
<context>
    <name>RecoveryNotice</name>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="26"/>
        <source>1 order was being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>1 pedido estava sendo enviado quando o SMMDesk foi fechado pela última vez. Ele está marcado como Não confirmado: confira-o no painel e depois resolva ou dispense-o.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="32"/>
        <source>{count} orders were being sent when SMMDesk last closed. They are marked Unconfirmed: check each on its panel, then resolve or dismiss it.</source>
        <translation>{count} pedidos estavam sendo enviados quando o SMMDesk foi fechado pela última vez. Eles estão marcados como Não confirmados: confira cada um no painel dele e depois resolva ou dispense-o.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/recovery_notice.py" line="37"/>
        <source>Show unconfirmed orders</source>
        <translation>Mostrar pedidos não confirmados</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../smmdesk/settings.py" line="36"/>
        <source>Refresh orders every (seconds)</source>
        <translation>Atualizar pedidos a cada (segundos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="43"/>
        <source>Answer timeout (seconds)</source>
        <translation>Tempo limite de resposta (segundos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="50"/>
        <source>Connect timeout (seconds)</source>
        <translation>Tempo limite de conexão (segundos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="57"/>
        <source>Requests in flight per panel</source>
        <translation>Requisições simultâneas por painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="66"/>
        <source>Mass order: orders sent at once</source>
        <translation>Pedido em massa: pedidos enviados de uma vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="71"/>
        <source>Refresh orders automatically</source>
        <translation>Atualizar pedidos automaticamente</translation>
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
        <translation>Ao fechar a janela, o SMMDesk continua acompanhando os pedidos na bandeja</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="85"/>
        <source>Orders completed</source>
        <translation>Pedidos concluídos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="86"/>
        <source>Orders gone partial</source>
        <translation>Pedidos parciais</translation>
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
        <translation>Reposições concluídas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="90"/>
        <source>Refills rejected or failed</source>
        <translation>Reposições rejeitadas ou com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="91"/>
        <source>Orders that became unconfirmed</source>
        <translation>Pedidos que ficaram não confirmados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="92"/>
        <source>A balance below its warning</source>
        <translation>Saldo abaixo do alerta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="95"/>
        <source>Prices of services ordered lately changed</source>
        <translation>Preços de serviços pedidos recentemente mudaram</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="99"/>
        <source>Active panel</source>
        <translation>Painel ativo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="112"/>
        <source>Compare prices in</source>
        <translation>Comparar preços em</translation>
    </message>
    <message>
        <location filename="../../smmdesk/settings.py" line="115"/>
        <source>Conversion rates</source>
        <translation>Taxas de conversão</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="34"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="108"/>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="35"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="36"/>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Quantos pedidos de um pedido em massa são enviados de uma vez. Um lote em andamento mantém o número atual; o próximo lote iniciado ou retomado usa o novo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="56"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="111"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>Passa a valer na próxima vez que o SMMDesk for iniciado.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="115"/>
        <source>Notify me when</source>
        <translation>Notificar quando</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="57"/>
        <source>Talking to the panel…</source>
        <translation>Comunicando com o painel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="86"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Atualizando {done} de {total} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="104"/>
        <source>Updated {time}</source>
        <translation>Atualizado às {time}</translation>
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
        <translation>O SMMDesk não consegue abrir seus dados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="112"/>
        <source>To keep SMMDesk&apos;s data in another folder, start it with --data-dir, for example: smmdesk --data-dir D:\SMMDesk</source>
        <translation>Para guardar os dados do SMMDesk em outra pasta, inicie-o com --data-dir, por exemplo: smmdesk --data-dir D:\SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="138"/>
        <source>Restore the backup from {time}</source>
        <translation>Restaurar o backup de {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="141"/>
        <source>Open the history read-only</source>
        <translation>Abrir o histórico somente leitura</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="142"/>
        <source>Try again</source>
        <translation>Tentar novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/storage_problem.py" line="143"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="24"/>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="27"/>
        <source>Copy as tab-separated text with a header row, to paste into a spreadsheet</source>
        <translation>Copiar como texto separado por tabulações, com linha de cabeçalho, para colar em uma planilha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="38"/>
        <source>Copied 1 order as a table</source>
        <translation>1 pedido copiado como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="39"/>
        <source>Copied {count} orders as a table</source>
        <translation>{count} pedidos copiados como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="42"/>
        <source>Copied 1 service as a table</source>
        <translation>1 serviço copiado como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="43"/>
        <source>Copied {count} services as a table</source>
        <translation>{count} serviços copiados como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="46"/>
        <source>Copied 1 refill as a table</source>
        <translation>1 reposição copiada como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="47"/>
        <source>Copied {count} refills as a table</source>
        <translation>{count} reposições copiadas como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="52"/>
        <source>Exported 1 order to {path}</source>
        <translation>1 pedido exportado para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="53"/>
        <source>Exported {count} orders to {path}</source>
        <translation>{count} pedidos exportados para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="56"/>
        <source>Exported 1 service to {path}</source>
        <translation>1 serviço exportado para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="57"/>
        <source>Exported {count} services to {path}</source>
        <translation>{count} serviços exportados para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="60"/>
        <source>Exported 1 refill to {path}</source>
        <translation>1 reposição exportada para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="61"/>
        <source>Exported {count} refills to {path}</source>
        <translation>{count} reposições exportadas para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="68"/>
        <source>Export services</source>
        <translation>Exportar serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="69"/>
        <source>Save the services shown as a CSV file</source>
        <translation>Salvar os serviços exibidos como arquivo CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="70"/>
        <source>Exporting services</source>
        <translation>Exportando serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="73"/>
        <source>Export refills</source>
        <translation>Exportar reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="74"/>
        <source>Save the refills shown as a CSV file</source>
        <translation>Salvar as reposições exibidas como arquivo CSV</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="75"/>
        <source>Exporting refills</source>
        <translation>Exportando reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/table_export.py" line="96"/>
        <source>Copy as table</source>
        <translation>Copiar como tabela</translation>
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
        <translation>Exportando para {path}…</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../smmdesk/ui/common/text.py" line="27"/>
        <source>{start}… ({count} characters in all)</source>
        <translation>{start}… ({count} caracteres no total)</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="38"/>
        <source>Open SMMDesk</source>
        <translation>Abrir o SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="39"/>
        <source>New order…</source>
        <translation>Novo pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="40"/>
        <source>Refresh now</source>
        <translation>Atualizar agora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="42"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/tray.py" line="55"/>
        <source>SMMDesk — balance {amounts}</source>
        <translation>SMMDesk — saldo {amounts}</translation>
    </message>
</context>
</TS>
