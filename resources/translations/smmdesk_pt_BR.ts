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
    <name>AnnotateOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="53"/>
        <source>For the 1 selected order: tick what to change; the rest stays as it is.</source>
        <translation>Para o pedido selecionado: marque o que alterar; o resto fica como está.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="57"/>
        <source>For the {count} selected orders: tick what to change; the rest stays as each order has it.</source>
        <translation>Para os {count} pedidos selecionados: marque o que alterar; o resto fica como está em cada pedido.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="64"/>
        <source>Kept in SMMDesk for you, never sent to the panel.</source>
        <translation>Guardado no SMMDesk para você, nunca enviado ao painel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="67"/>
        <source>Note, customer and sell price</source>
        <translation>Observação, cliente e preço de venda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="88"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="89"/>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="90"/>
        <source>Sell price</source>
        <translation>Preço de venda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/annotate_dialog.py" line="147"/>
        <source>Tick to give every selected order this value (empty clears it)</source>
        <translation>Marque para dar este valor a todos os pedidos selecionados (vazio apaga o valor)</translation>
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
    <name>ConfirmOrder</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="74"/>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="89"/>
        <source>Place another order for this link?</source>
        <translation>Fazer outro pedido para este link?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="91"/>
        <source>Place this order?</source>
        <translation>Fazer este pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="98"/>
        <source>Active on this link</source>
        <translation>Ativos neste link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="103"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="107"/>
        <source>Charge</source>
        <translation>Custo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="108"/>
        <source>Balance after</source>
        <translation>Saldo após</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="131"/>
        <source>&amp;I have checked: place another order for this link</source>
        <translation>&amp;Já verifiquei: fazer outro pedido para este link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="136"/>
        <source>&amp;Place another order</source>
        <translation>&amp;Fazer outro pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="149"/>
        <source>Quantity</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="152"/>
        <source>Total quantity</source>
        <translation>Quantidade total</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="160"/>
        <source>1 line:</source>
        <translation>1 linha:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="162"/>
        <source>{count} lines:</source>
        <translation>{count} linhas:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="170"/>
        <source>… and 1 more line</source>
        <translation>… e mais 1 linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="171"/>
        <source>… and {count} more lines</source>
        <translation>… e mais {count} linhas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="177"/>
        <source>{start}… ({count} characters)</source>
        <translation>{start}… ({count} caracteres)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/confirm_dialog.py" line="184"/>
        <source>panel {id}</source>
        <translation>painel {id}</translation>
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
    <name>ExtraFields</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="49"/>
        <source>Field name</source>
        <translation>Nome do campo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="50"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="136"/>
        <source>Already a form field: {names}</source>
        <translation>Já é um campo do formulário: {names}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="140"/>
        <source>Each extra field name may appear once</source>
        <translation>Cada nome de campo extra só pode aparecer uma vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="152"/>
        <source>E&amp;xtra fields</source>
        <translation>Campos e&amp;xtras</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="160"/>
        <source>Extra fields</source>
        <translation>Campos extras</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="167"/>
        <source>Fields the panel takes &amp;beyond the form, sent as typed:</source>
        <translation>Campos que o painel aceita &amp;além do formulário, enviados como digitados:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="173"/>
        <source>Add field</source>
        <translation>Adicionar campo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/extra_fields.py" line="176"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
</context>
<context>
    <name>Favourites</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="47"/>
        <source>Add to favourites ({shortcut})</source>
        <translation>Adicionar aos favoritos ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="48"/>
        <source>Remove from favourites ({shortcut})</source>
        <translation>Remover dos favoritos ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="53"/>
        <source>Not a favourite</source>
        <translation>Não favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="54"/>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="56"/>
        <source>No longer listed · {name}</source>
        <translation>Fora do catálogo · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="108"/>
        <source>The panel no longer lists this service (starred {time}). Remove its star to take it off your favourites.</source>
        <translation>O painel não lista mais este serviço (marcado com estrela em {time}). Remova a estrela para tirá-lo dos seus favoritos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="118"/>
        <source>Remove from favourites</source>
        <translation>Remover dos favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="119"/>
        <source>Add to favourites</source>
        <translation>Adicionar aos favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="125"/>
        <source>{star} Remove from favourites</source>
        <translation>{star} Remover dos favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="126"/>
        <source>{star} Add to favourites</source>
        <translation>{star} Adicionar aos favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/favourite_cells.py" line="131"/>
        <source>No favourites yet. Star a service in the {star} column, or select it and press {shortcut}.</source>
        <translation>Ainda não há favoritos. Marque um serviço com estrela na coluna {star} ou selecione-o e pressione {shortcut}.</translation>
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
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="96"/>
        <location filename="../../smmdesk/ui/catalogue/services_view.py" line="128"/>
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
        <location filename="../../smmdesk/ui/common/format.py" line="100"/>
        <source>just now</source>
        <translation>agora mesmo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="102"/>
        <source>{count} min ago</source>
        <translation>há {count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="104"/>
        <source>{count} h ago</source>
        <translation>há {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="107"/>
        <source>1 day ago</source>
        <translation>há 1 dia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="108"/>
        <source>{count} days ago</source>
        <translation>há {count} dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="114"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed</source>
        <translation>Última atualização às {time} · verificados: {checked}, alterados: {changed}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="116"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, 1 error</source>
        <translation>Última atualização às {time} · verificados: {checked}, alterados: {changed}, 1 erro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="120"/>
        <source>Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors</source>
        <translation>Última atualização às {time} · verificados: {checked}, alterados: {changed}, erros: {errors}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="143"/>
        <source>Refill</source>
        <translation>Reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="144"/>
        <source>Cancel</source>
        <translation>Cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="145"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="151"/>
        <source>{type} (unknown type)</source>
        <translation>{type} (tipo desconhecido)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/common/format.py" line="153"/>
        <source>Rate {rate} · Min {min}, max {max}</source>
        <translation>Preço {rate} · Mín. {min}, máx. {max}</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="32"/>
        <source>&amp;Reports</source>
        <translation>&amp;Relatórios</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="33"/>
        <source>&amp;Scorecard</source>
        <translation>&amp;Desempenho</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="34"/>
        <source>Re&amp;fill windows</source>
        <translation>Pra&amp;zos de reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/insight_pane.py" line="35"/>
        <source>Price &amp;watch</source>
        <translation>Monitor de pre&amp;ços</translation>
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
        <translation>1 dia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="33"/>
        <source>{count} days</source>
        <translation>{count} dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="43"/>
        <source>under a minute</source>
        <translation>menos de 1 minuto</translation>
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
        <translation>1 dia {hours} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="58"/>
        <source>{count} days {hours} h</source>
        <translation>{count} dias {hours} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="67"/>
        <source>no timed order yet</source>
        <translation>ainda sem pedidos com tempo medido</translation>
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
        <translation>o mais lento em {duration}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/wording.py" line="96"/>
        <source>90% within {duration}</source>
        <translation>90% em até {duration}</translation>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="302"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="357"/>
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
        <location filename="../../smmdesk/ui/window/main_window.py" line="117"/>
        <source>SMMDesk</source>
        <translation>SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="278"/>
        <source>&amp;Panels…</source>
        <translation>&amp;Painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="282"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="287"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="291"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Atualizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="295"/>
        <source>&amp;Find</source>
        <translation>&amp;Localizar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="299"/>
        <source>&amp;Command palette…</source>
        <translation>Paleta de &amp;comandos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="323"/>
        <source>&amp;About SMMDesk</source>
        <translation>&amp;Sobre o SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="326"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir pasta de &amp;logs</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="331"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="335"/>
        <source>Manage panels…</source>
        <translation>Gerenciar painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="347"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/main_window.py" line="359"/>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
</context>
<context>
    <name>MarkupsDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="59"/>
        <source>For</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="60"/>
        <source>Who</source>
        <translation>Aplica-se a</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="61"/>
        <source>Markup</source>
        <translation>Margem</translation>
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
        <translation>Painel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="92"/>
        <source>{service} ({panel})</source>
        <translation>{service} ({panel})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="95"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="101"/>
        <source>Service {id}</source>
        <translation>Serviço {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="159"/>
        <source>Markups</source>
        <translation>Margens</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="161"/>
        <source>A new order&apos;s sell price is its charge plus its customer&apos;s markup, else its service&apos;s. Orders placed before keep their price.</source>
        <translation>O preço de venda de um novo pedido é o custo mais a margem do cliente ou, se não houver, a do serviço. Pedidos já feitos mantêm o preço.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="213"/>
        <source>Service {id} · {name}</source>
        <translation>Serviço {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="228"/>
        <source>Remove selected</source>
        <translation>Remover selecionada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="237"/>
        <source>e.g. 30%</source>
        <translation>ex.: 30%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="246"/>
        <source>Set</source>
        <translation>Definir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="259"/>
        <source>Name the customer first.</source>
        <translation>Informe o cliente primeiro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="274"/>
        <source>Select the markup to remove.</source>
        <translation>Selecione a margem a remover.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/markups_dialog.py" line="305"/>
        <source>Type the markup, such as 30%.</source>
        <translation>Digite a margem, como 30%.</translation>
    </message>
</context>
<context>
    <name>MassCheck</name>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="18"/>
        <source>No service ID on this line</source>
        <translation>Sem ID de serviço nesta linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="20"/>
        <source>{panel}&apos;s services are not loaded: check the batch again</source>
        <translation>Os serviços de {panel} não foram carregados: verifique o lote novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="23"/>
        <source>The batch&apos;s panel no longer exists: choose another one</source>
        <translation>O painel do lote não existe mais: escolha outro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="26"/>
        <source>No panel is called &apos;{name}&apos; (your panels: {names})</source>
        <translation>Nenhum painel se chama &apos;{name}&apos; (seus painéis: {names})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="29"/>
        <source>No panel is called &apos;{name}&apos; (your panels: none yet)</source>
        <translation>Nenhum painel se chama &apos;{name}&apos; (seus painéis: nenhum ainda)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="32"/>
        <source>{panel}&apos;s services have not been fetched yet: open Services first</source>
        <translation>Os serviços de {panel} ainda não foram obtidos: abra Serviços primeiro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="36"/>
        <source>{panel} has no service {service}</source>
        <translation>{panel} não tem o serviço {service}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="37"/>
        <source>panel {id}</source>
        <translation>painel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="40"/>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="43"/>
        <source>Line {number} has the same link</source>
        <translation>A linha {number} tem o mesmo link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="44"/>
        <source>Line {number} has the same account</source>
        <translation>A linha {number} tem a mesma conta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="46"/>
        <source>An active order {order} on {panel} has this link{more}</source>
        <translation>Um pedido ativo {order} em {panel} tem este link{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="49"/>
        <source>An active order {order} on {panel} has this account{more}</source>
        <translation>Um pedido ativo {order} em {panel} tem esta conta{more}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="52"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this link{more}: check that panel&apos;s order list first</source>
        <translation>Um pedido não confirmado ({order}) em {panel} pode já estar em andamento neste link{more}: confira primeiro a lista de pedidos desse painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="59"/>
        <source>An unconfirmed order ({order}) on {panel} may already be working on this account{more}: check that panel&apos;s order list first</source>
        <translation>Um pedido não confirmado ({order}) em {panel} pode já estar em andamento nesta conta{more}: confira primeiro a lista de pedidos desse painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="65"/>
        <source>order {id}</source>
        <translation>pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/services/mass_words.py" line="66"/>
        <source> (and {count} more)</source>
        <translation> (e mais {count})</translation>
    </message>
</context>
<context>
    <name>MassLines</name>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="27"/>
        <source>The file is {size}; a batch file is at most {limit}. Split it into smaller files.</source>
        <translation>O arquivo tem {size}; um arquivo de lote tem no máximo {limit}. Divida-o em arquivos menores.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="31"/>
        <source>The text has {count} characters; a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>O texto tem {count} caracteres; um lote tem no máximo {limit}. Divida-o em lotes menores.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="36"/>
        <source>The text has {count} lines; a batch is at most {limit} lines. Split it into smaller batches.</source>
        <translation>O texto tem {count} linhas; um lote tem no máximo {limit} linhas. Divida-o em lotes menores.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="41"/>
        <source>This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or UTF-16) and open it again.</source>
        <translation>Este arquivo não é um texto que o SMMDesk consiga ler: salve-o como CSV ou texto simples (UTF-8 ou UTF-16) e abra-o novamente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="46"/>
        <source>Write each order as service ID|link|quantity</source>
        <translation>Escreva cada pedido como ID do serviço|link|quantidade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="47"/>
        <source>The header has no service column: name it service</source>
        <translation>O cabeçalho não tem coluna de serviço: nomeie-a service</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="48"/>
        <source>Column(s) {columns} are not order fields and are left out (known: {known})</source>
        <translation>Coluna(s) {columns} não são campos de pedido e foram deixadas de fora (conhecidos: {known})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="51"/>
        <source>Column(s) {columns} appear twice: the first one is read</source>
        <translation>Coluna(s) {columns} aparecem duas vezes: a primeira é lida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="52"/>
        <source>{first}. {then}</source>
        <translation>{first}. {then}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="53"/>
        <source>{names} and {count} more</source>
        <translation>{names} e mais {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="54"/>
        <source>A quote (&quot;) opened on this line is never closed, so every line after it was read as part of one cell: close the quote, or remove it</source>
        <translation>Uma aspa (&quot;) aberta nesta linha nunca é fechada, então todas as linhas seguintes foram lidas como parte de uma só célula: feche a aspa ou remova-a</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="59"/>
        <source>This line has {count} cells; the header names {columns}</source>
        <translation>Esta linha tem {count} células; o cabeçalho nomeia {columns}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/wording.py" line="60"/>
        <source>This line cannot be read: {error}</source>
        <translation>Esta linha não pode ser lida: {error}</translation>
    </message>
</context>
<context>
    <name>MassOrder</name>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="30"/>
        <source>✓ Ready</source>
        <translation>✓ Pronta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="31"/>
        <source>⚠ Held</source>
        <translation>⚠ Retida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="32"/>
        <source>✕ Invalid</source>
        <translation>✕ Inválida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="33"/>
        <source>– Skipped</source>
        <translation>– Ignorada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="35"/>
        <source>✓ Send anyway</source>
        <translation>✓ Enviar mesmo assim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="36"/>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="43"/>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="52"/>
        <source>Not sent yet</source>
        <translation>Ainda não enviada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="53"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="29"/>
        <source>Line</source>
        <translation>Linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="54"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="30"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="55"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="31"/>
        <source>Service</source>
        <translation>Serviço</translation>
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
        <translation>Quantidade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="58"/>
        <location filename="../../smmdesk/ui/mass/columns.py" line="35"/>
        <source>Charge</source>
        <translation>Custo</translation>
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
        <translation>ID do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>1 line</source>
        <translation>1 linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="106"/>
        <location filename="../../smmdesk/ui/mass/summary.py" line="138"/>
        <source>{count} lines</source>
        <translation>{count} linhas</translation>
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
        <translation>Feito: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="145"/>
        <source>no reason given</source>
        <translation>nenhum motivo informado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="146"/>
        <source>✕ Rejected: {words}</source>
        <translation>✕ Rejeitado: {words}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="148"/>
        <source>no answer</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="149"/>
        <source>⚠ Unconfirmed: {words} — see Orders ▸ Unconfirmed</source>
        <translation>⚠ Não confirmado: {words} — veja Pedidos ▸ Não confirmados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="153"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="154"/>
        <source>Dismissed</source>
        <translation>Dispensado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/cells.py" line="169"/>
        <source>Not sent ({verdict})</source>
        <translation>Não enviada ({verdict})</translation>
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
        <translation>A enviar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="43"/>
        <source>Held</source>
        <translation>Retidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="44"/>
        <source>Invalid</source>
        <translation>Inválidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="45"/>
        <source>Skipped</source>
        <translation>Ignoradas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="49"/>
        <source>Placed</source>
        <translation>Feitos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="50"/>
        <source>Rejected</source>
        <translation>Rejeitados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="51"/>
        <source>Unconfirmed</source>
        <translation>Não confirmados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="53"/>
        <source>Left out</source>
        <translation>Deixadas de fora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="77"/>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="316"/>
        <source>Place orders…</source>
        <translation>Fazer pedidos…</translation>
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
        <translation>Todas as linhas exibidas, ou as selecionadas, como tabela (separada por tabulação)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="106"/>
        <source>{kind} ({count})</source>
        <translation>{kind} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="169"/>
        <source>Edit line…</source>
        <translation>Editar linha…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="170"/>
        <source>Change the line&apos;s fields and check it again</source>
        <translation>Alterar os campos da linha e verificá-la novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="175"/>
        <source>Skip</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="176"/>
        <source>Leave the selected lines out of the batch</source>
        <translation>Deixar as linhas selecionadas fora do lote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="180"/>
        <source>Include</source>
        <translation>Incluir</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="181"/>
        <source>Put skipped lines back into the batch</source>
        <translation>Devolver as linhas ignoradas ao lote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="185"/>
        <source>Send anyway</source>
        <translation>Enviar mesmo assim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="186"/>
        <source>Send held lines although they repeat a link</source>
        <translation>Enviar as linhas retidas, embora repitam um link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="190"/>
        <source>Hold again</source>
        <translation>Reter novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="191"/>
        <source>Do not send the released lines</source>
        <translation>Não enviar as linhas liberadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="195"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="196"/>
        <source>Remove the selected lines</source>
        <translation>Remover as linhas selecionadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="201"/>
        <source>Edit and send again…</source>
        <translation>Editar e reenviar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/chrome.py" line="202"/>
        <source>Correct a rejected line and send it once more</source>
        <translation>Corrigir uma linha rejeitada e enviá-la mais uma vez</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="34"/>
        <source>Other fields</source>
        <translation>Outros campos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/columns.py" line="36"/>
        <source>Check</source>
        <translation>Verificação</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Already sent</source>
        <translation>Já enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="65"/>
        <source>Not sent</source>
        <translation>Não enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="69"/>
        <source>Sent at once</source>
        <translation>Enviadas ao mesmo tempo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="70"/>
        <source>{count} (Settings)</source>
        <translation>{count} (Configurações)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="76"/>
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="93"/>
        <source>The balance does not cover it: send anyway (the panel refuses what it cannot charge)</source>
        <translation>O saldo não cobre: enviar mesmo assim (o painel recusa o que não puder cobrar)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="120"/>
        <source>Send line {number} again</source>
        <translation>Reenviar a linha {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="122"/>
        <source>Edit line {number}</source>
        <translation>Editar a linha {number}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="124"/>
        <source>Line {number} as written: {source}</source>
        <translation>Linha {number} como escrita: {source}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="133"/>
        <source>Service ID</source>
        <translation>ID do serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="143"/>
        <source>Send again</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="145"/>
        <source>Check again</source>
        <translation>Verificar novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="196"/>
        <source>This service is no longer in the panel&apos;s catalogue.</source>
        <translation>Este serviço não está mais no catálogo do painel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="203"/>
        <source>Charge: {charge}</source>
        <translation>Custo: {charge}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="218"/>
        <source>Send the 1 line never sent?</source>
        <translation>Enviar a 1 linha nunca enviada?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="219"/>
        <source>Send the {count} lines never sent?</source>
        <translation>Enviar as {count} linhas nunca enviadas?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="223"/>
        <source>Send 1 line</source>
        <translation>Enviar 1 linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="224"/>
        <source>Send {count} lines</source>
        <translation>Enviar {count} linhas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="230"/>
        <source>Place 1 order?</source>
        <translation>Fazer 1 pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="231"/>
        <source>Place {count} orders?</source>
        <translation>Fazer {count} pedidos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="235"/>
        <source>Place 1 order</source>
        <translation>Fazer 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/dialogs.py" line="236"/>
        <source>Place {count} orders</source>
        <translation>Fazer {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="57"/>
        <source>Nothing was pasted: the text has {count} characters, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Nada foi colado: o texto tem {count} caracteres, e um lote tem no máximo {limit}. Divida-o em lotes menores.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="64"/>
        <source>Nothing was pasted: the text has {count} lines, and a batch is at most {limit}. Split it into smaller batches.</source>
        <translation>Nada foi colado: o texto tem {count} linhas, e um lote tem no máximo {limit}. Divida-o em lotes menores.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="84"/>
        <source>Paste orders here, one a line, for example:
    1234|https://instagram.com/p/Cx1yZ|1000
or a CSV/TSV whose first line names the columns:
    service,link,quantity,runs,interval,comments,username
Then Check lines (Ctrl+Return): nothing is sent before you confirm.</source>
        <translation>Cole os pedidos aqui, um por linha, por exemplo:
    1234|https://instagram.com/p/Cx1yZ|1000
ou um CSV/TSV cuja primeira linha nomeia as colunas:
    service,link,quantity,runs,interval,comments,username
Depois, Verificar linhas (Ctrl+Return): nada é enviado antes de você confirmar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="101"/>
        <source>The panel every line goes to, unless its panel column names another</source>
        <translation>O painel para o qual vai cada linha, a menos que a coluna panel indique outro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="107"/>
        <source>Open file…</source>
        <translation>Abrir arquivo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="108"/>
        <source>Read a CSV, TSV or text file</source>
        <translation>Ler um arquivo CSV, TSV ou de texto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="112"/>
        <source>Check lines</source>
        <translation>Verificar linhas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="113"/>
        <source>Read and check every line (Ctrl+Return)</source>
        <translation>Ler e verificar todas as linhas (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="118"/>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="119"/>
        <source>Start a new batch</source>
        <translation>Começar um novo lote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="138"/>
        <source>Formats: service ID|link|quantity (; , or a tab also separate), or CSV/TSV with a header naming order fields: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… A list field takes one entry per line of a quoted cell, or | between entries; a panel column sends a line to another panel; # starts a comment.</source>
        <translation>Formatos: ID do serviço|link|quantidade (; , ou tabulação também separam), ou CSV/TSV com um cabeçalho nomeando campos do pedido: service, link, quantity, runs, interval, comments, usernames, username, min, max, posts, delay, answer_number… Um campo de lista aceita uma entrada por linha de uma célula entre aspas, ou | entre as entradas; uma coluna panel envia a linha para outro painel; # inicia um comentário.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="155"/>
        <source>&amp;Panel:</source>
        <translation>&amp;Painel:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="203"/>
        <source>Open a mass order</source>
        <translation>Abrir um pedido em massa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/input_box.py" line="206"/>
        <source>Orders (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Pedidos (*.csv *.tsv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="95"/>
        <source>Sending line {number} again…</source>
        <translation>Reenviando a linha {number}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="136"/>
        <source>1 line removed</source>
        <translation>1 linha removida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="137"/>
        <source>{count} lines removed</source>
        <translation>{count} linhas removidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="154"/>
        <source>Line {number}: {outcome}</source>
        <translation>Linha {number}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="180"/>
        <source>1 line copied as a table</source>
        <translation>1 linha copiada como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/line_actions.py" line="181"/>
        <source>{count} lines copied as a table</source>
        <translation>{count} linhas copiadas como tabela</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="111"/>
        <source>Paste lines (or open a file) first.</source>
        <translation>Cole as linhas (ou abra um arquivo) primeiro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="115"/>
        <location filename="../../smmdesk/ui/mass/session.py" line="110"/>
        <source>Pasted lines</source>
        <translation>Linhas coladas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="154"/>
        <source>{panel}: {share}</source>
        <translation>{panel}: {share}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="194"/>
        <source>{lines} (not sent again)</source>
        <translation>{lines} (não reenviadas)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="195"/>
        <source>no line</source>
        <translation>nenhuma linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="206"/>
        <source>Stopping: lines being sent finish, no other line is sent.</source>
        <translation>Parando: as linhas em envio terminam, nenhuma outra linha é enviada.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="224"/>
        <source>Checking the lines…</source>
        <translation>Verificando as linhas…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="271"/>
        <source>Show the next one</source>
        <translation>Mostrar a próxima</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="312"/>
        <source>Place 1 order…</source>
        <translation>Fazer 1 pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/mass_pane.py" line="313"/>
        <source>Place {count} orders…</source>
        <translation>Fazer {count} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/preview_model.py" line="343"/>
        <source>Line {number} as written:
{source}</source>
        <translation>Linha {number} como escrita:
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
        <translation>Não enviar mais nenhuma linha por enquanto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="52"/>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="90"/>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="53"/>
        <source>Send the lines not sent yet</source>
        <translation>Enviar as linhas ainda não enviadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="57"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="58"/>
        <source>Send no further line; lines being sent finish</source>
        <translation>Não enviar mais nenhuma linha; as linhas em envio terminam</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="92"/>
        <source>Resume ({count} never sent)…</source>
        <translation>Retomar ({count} nunca enviadas)…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="106"/>
        <source>Done: {outcomes}</source>
        <translation>Concluído: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="109"/>
        <source>Stopped: {outcomes}</source>
        <translation>Parado: {outcomes}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="112"/>
        <source>Paused: {progress}</source>
        <translation>Pausado: {progress}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/progress_box.py" line="115"/>
        <source>Writing the batch down before anything is sent…</source>
        <translation>Registrando o lote antes de qualquer envio…</translation>
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
        <translation>{orders} · {charge} · saldo ainda desconhecido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="104"/>
        <source>{orders} · {charge} · balance {balance}</source>
        <translation>{orders} · {charge} · saldo {balance}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="107"/>
        <source>{orders} · {charge} · balance {balance} — short by {short}</source>
        <translation>{orders} · {charge} · saldo {balance} — faltam {short}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="117"/>
        <source>{count} held</source>
        <translation>{count} retidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="118"/>
        <source>{count} invalid</source>
        <translation>{count} inválidas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="119"/>
        <source>{count} skipped</source>
        <translation>{count} ignoradas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="130"/>
        <source>{count} ready ({released} held sent anyway)</source>
        <translation>{count} prontas ({released} retidas enviadas mesmo assim)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="134"/>
        <source>{count} ready</source>
        <translation>{count} prontas</translation>
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
        <translation>faltam cerca de {count} s</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="165"/>
        <source>about {count} min left</source>
        <translation>faltam cerca de {count} min</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="168"/>
        <source>about {count} h left</source>
        <translation>faltam cerca de {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="175"/>
        <source>{count} placed</source>
        <translation>{count} feitos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="176"/>
        <source>{count} rejected</source>
        <translation>{count} rejeitados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="177"/>
        <source>{count} unconfirmed</source>
        <translation>{count} não confirmados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="178"/>
        <source>{count} being sent</source>
        <translation>{count} em envio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="179"/>
        <source>{count} dismissed</source>
        <translation>{count} dispensados</translation>
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
        <translation>“{title}” de {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="217"/>
        <source>The mass order {batch} was not finished: {outcomes}.</source>
        <translation>O pedido em massa {batch} não foi concluído: {outcomes}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="222"/>
        <source>Resume sends only the 1 line never sent; no line is sent twice.</source>
        <translation>Retomar envia só a 1 linha nunca enviada; nenhuma linha é enviada duas vezes.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="225"/>
        <source>Resume sends only the {count} lines never sent; no line is sent twice.</source>
        <translation>Retomar envia só as {count} linhas nunca enviadas; nenhuma linha é enviada duas vezes.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="233"/>
        <source>Check unconfirmed orders on the panel (Orders ▸ Unconfirmed).</source>
        <translation>Confira os pedidos não confirmados no painel (Pedidos ▸ Não confirmados).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="239"/>
        <source>1 other mass order not finished either (Open…).</source>
        <translation>Mais 1 pedido em massa também não concluído (Abrir…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/mass/summary.py" line="240"/>
        <source>{count} other mass orders not finished either (Open…).</source>
        <translation>Mais {count} pedidos em massa também não concluídos (Abrir…).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="45"/>
        <source>This mass order is no longer in the history.</source>
        <translation>Este pedido em massa não está mais no histórico.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/workers/batches.py" line="47"/>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>Não foi possível ler “{name}”: {reason}.</translation>
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
        <location filename="../../smmdesk/ui/notify/wording.py" line="38"/>
        <source>A refill</source>
        <translation>Uma reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="40"/>
        <source>{count} refills</source>
        <translation>{count} reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="42"/>
        <location filename="../../smmdesk/ui/notify/wording.py" line="60"/>
        <source>{what} {verb} on {panel}</source>
        <translation>{what} em {panel}: status {verb}</translation>
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
        <translation>{count} painéis</translation>
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
        <translation> e mais {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="91"/>
        <source>An order on {panel} may or may not have been placed</source>
        <translation>Um pedido em {panel} pode ou não ter sido feito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="93"/>
        <source>{count} orders on {panel} may or may not have been placed</source>
        <translation>{count} pedidos em {panel} podem ou não ter sido feitos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="94"/>
        <source>Check the panel&apos;s order list, then resolve or dismiss them in Unconfirmed.</source>
        <translation>Confira a lista de pedidos do painel e depois resolva ou dispense-os em Não confirmados.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="101"/>
        <source>Balance on {panel} is low</source>
        <translation>Saldo baixo em {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="102"/>
        <source>{balance} left; the warning is set at {threshold}.</source>
        <translation>Restam {balance}; o alerta está definido em {threshold}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="111"/>
        <source>A service you ordered changed on {panel}</source>
        <translation>Um serviço que você pediu mudou em {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="113"/>
        <source>{count} services you ordered changed on {panel}</source>
        <translation>{count} serviços que você pediu mudaram em {panel}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="119"/>
        <source>{name}: no longer listed</source>
        <translation>{name}: não está mais listado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="123"/>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/notify/wording.py" line="131"/>
        <source>and {count} more</source>
        <translation>e mais {count}</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="108"/>
        <source>Reading 1 selected order…</source>
        <translation>Lendo 1 pedido selecionado…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="109"/>
        <source>Reading {count} selected orders…</source>
        <translation>Lendo {count} pedidos selecionados…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="120"/>
        <source>Export orders</source>
        <translation>Exportar pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="138"/>
        <source>Reading the orders to copy</source>
        <translation>Lendo os pedidos a copiar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="149"/>
        <source>Exporting orders</source>
        <translation>Exportando pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="150"/>
        <source>Exporting to {path}…</source>
        <translation>Exportando para {path}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="191"/>
        <source>Requesting 1 refill…</source>
        <translation>Solicitando 1 reposição…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="192"/>
        <source>Requesting {count} refills…</source>
        <translation>Solicitando {count} reposições…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="194"/>
        <source>Requesting 1 cancel…</source>
        <translation>Solicitando 1 cancelamento…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="195"/>
        <source>Requesting {count} cancels…</source>
        <translation>Solicitando {count} cancelamentos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="207"/>
        <source>Refill results</source>
        <translation>Resultado das reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="219"/>
        <source>Cancel results</source>
        <translation>Resultado dos cancelamentos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="270"/>
        <source>{count} sent; {failures}</source>
        <translation>{count} enviados; {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="279"/>
        <source>failed on {panel}: {problem}</source>
        <translation>falhou em {panel}: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_actions.py" line="281"/>
        <source>failed: {problem}</source>
        <translation>falhou: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="41"/>
        <source>The selected order cannot be refilled:</source>
        <translation>Não é possível solicitar reposição do pedido selecionado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="42"/>
        <source>The selected order cannot be canceled:</source>
        <translation>Não é possível cancelar o pedido selecionado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="47"/>
        <source>None of the {count} selected orders can be refilled:</source>
        <translation>Nenhum dos {count} pedidos selecionados pode receber reposição:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="48"/>
        <source>None of the {count} selected orders can be canceled:</source>
        <translation>Nenhum dos {count} pedidos selecionados pode ser cancelado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="53"/>
        <source>Refill 1 order?</source>
        <translation>Solicitar reposição de 1 pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="54"/>
        <source>Refill {count} orders?</source>
        <translation>Solicitar reposição de {count} pedidos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="59"/>
        <source>Cancel 1 order?</source>
        <translation>Cancelar 1 pedido?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="60"/>
        <source>Cancel {count} orders?</source>
        <translation>Cancelar {count} pedidos?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="65"/>
        <source>Refill {some} of the {count} selected orders?</source>
        <translation>Solicitar reposição de {some} dos {count} pedidos selecionados?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="66"/>
        <source>Cancel {some} of the {count} selected orders?</source>
        <translation>Cancelar {some} dos {count} pedidos selecionados?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="69"/>
        <source>A cancel request cannot be taken back.</source>
        <translation>Uma solicitação de cancelamento não pode ser desfeita.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="77"/>
        <source>1 order will not be sent:</source>
        <translation>1 pedido não será enviado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="78"/>
        <source>{count} orders will not be sent:</source>
        <translation>{count} pedidos não serão enviados:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="90"/>
        <source>Refill 1 order</source>
        <translation>Repor 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="91"/>
        <source>Refill {count} orders</source>
        <translation>Repor {count} pedidos</translation>
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
        <translation>Repor pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="105"/>
        <source>Cancel orders</source>
        <translation>Cancelar pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="123"/>
        <source>Don&apos;t refill</source>
        <translation>Não repor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="124"/>
        <source>Don&apos;t cancel</source>
        <translation>Não cancelar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_dialogs.py" line="152"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="31"/>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="32"/>
        <source>Refused</source>
        <translation>Recusado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="33"/>
        <source>Not sent</source>
        <translation>Não enviado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="44"/>
        <source>Order ID</source>
        <translation>ID do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="45"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="46"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="47"/>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/bulk_outcome.py" line="91"/>
        <source>Refill {id}</source>
        <translation>Reposição {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="72"/>
        <source>Asking the panel about order {id}…</source>
        <translation>Consultando o painel sobre o pedido {id}…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="89"/>
        <source>Asking the panel about 1 order ID…</source>
        <translation>Consultando o painel sobre 1 ID de pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/journal_actions.py" line="90"/>
        <source>Asking the panel about {count} order IDs…</source>
        <translation>Consultando o painel sobre {count} IDs de pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="127"/>
        <source>Saving 1 order…</source>
        <translation>Salvando 1 pedido…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="128"/>
        <source>Saving {count} orders…</source>
        <translation>Salvando {count} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="138"/>
        <source>1 order updated</source>
        <translation>1 pedido atualizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="139"/>
        <source>{count} orders updated</source>
        <translation>{count} pedidos atualizados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="144"/>
        <source>1 order without a charge yet kept its price</source>
        <translation>1 pedido ainda sem custo manteve o preço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/notes_actions.py" line="145"/>
        <source>{count} orders without a charge yet kept their price</source>
        <translation>{count} pedidos ainda sem custo mantiveram o preço</translation>
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
        <translation>1 pedido selecionado sem ID de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="84"/>
        <source>{count} selected orders without an order ID</source>
        <translation>{count} pedidos selecionados sem ID de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="89"/>
        <source>Copied 1 link</source>
        <translation>1 link copiado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="90"/>
        <source>Copied {count} links</source>
        <translation>{count} links copiados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="93"/>
        <source>1 selected order without a link</source>
        <translation>1 pedido selecionado sem link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="94"/>
        <source>{count} selected orders without a link</source>
        <translation>{count} pedidos selecionados sem link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="105"/>
        <source>1 refill requested</source>
        <translation>1 reposição solicitada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="106"/>
        <source>{count} refills requested</source>
        <translation>{count} reposições solicitadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="116"/>
        <source>1 cancel requested</source>
        <translation>1 cancelamento solicitado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="117"/>
        <source>{count} cancels requested</source>
        <translation>{count} cancelamentos solicitados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="123"/>
        <source>no reason given</source>
        <translation>sem motivo informado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="130"/>
        <source>{reason} ({count} times)</source>
        <translation>{reason} ({count} vezes)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="136"/>
        <source>{count} refused: {reasons}</source>
        <translation>{count} com recusa: {reasons}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="141"/>
        <source>{count} not sent</source>
        <translation>{count} não enviados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="151"/>
        <source>Order {id} marked as placed</source>
        <translation>Pedido {id} marcado como feito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="156"/>
        <source>1 order dismissed</source>
        <translation>1 pedido dispensado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="157"/>
        <source>{count} orders dismissed</source>
        <translation>{count} pedidos dispensados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="170"/>
        <source>({count} already tracked)</source>
        <translation>({count} já acompanhados)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="176"/>
        <source>cancelled before 1 ID was asked</source>
        <translation>cancelado antes de consultar 1 ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="177"/>
        <source>cancelled before {count} IDs were asked</source>
        <translation>cancelado antes de consultar {count} IDs</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="183"/>
        <source>{refusals} and {count} more</source>
        <translation>{refusals} e mais {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="186"/>
        <source>not recorded, the panel did not confirm: {refusals}</source>
        <translation>não registrados, o painel não confirmou: {refusals}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="195"/>
        <source>1 order added to tracking</source>
        <translation>1 pedido adicionado ao acompanhamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="196"/>
        <source>{count} orders added to tracking</source>
        <translation>{count} pedidos adicionados ao acompanhamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="207"/>
        <source>{count} already tracked</source>
        <translation>{count} já acompanhados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="208"/>
        <source>{count} not confirmed by the panel</source>
        <translation>{count} não confirmados pelo painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="209"/>
        <source>{count} not asked (cancelled)</source>
        <translation>{count} não consultados (cancelado)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="215"/>
        <source>Not recorded — the panel did not confirm them:</source>
        <translation>Não registrados — o painel não os confirmou:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="218"/>
        <source>Never asked — tracking was cancelled:</source>
        <translation>Não consultados — o acompanhamento foi cancelado:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_actions.py" line="220"/>
        <source>Added to tracking:</source>
        <translation>Adicionados ao acompanhamento:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="192"/>
        <source>Refill</source>
        <translation>Reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="193"/>
        <source>Ask for a refill</source>
        <translation>Solicitar reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="197"/>
        <source>Cancel order</source>
        <translation>Cancelar pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="198"/>
        <source>Ask to cancel</source>
        <translation>Solicitar cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="201"/>
        <source>Copy links</source>
        <translation>Copiar links</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="204"/>
        <source>Copy order IDs</source>
        <translation>Copiar IDs dos pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="210"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="211"/>
        <source>Save the selected orders as a CSV file (with none selected: every order the tab and the search show)</source>
        <translation>Salvar os pedidos selecionados como arquivo CSV (sem seleção: todos os pedidos que a aba e a pesquisa mostram)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="219"/>
        <source>Open link</source>
        <translation>Abrir link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="220"/>
        <source>In the browser</source>
        <translation>No navegador</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="223"/>
        <source>Order again</source>
        <translation>Pedir novamente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="227"/>
        <source>Order again in bulk…</source>
        <translation>Pedir novamente em massa…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="228"/>
        <source>A mass order of the selected orders: their service, link and quantity, each on its own panel, checked before anything is sent</source>
        <translation>Um pedido em massa com os pedidos selecionados: serviço, link e quantidade de cada um, cada um no seu painel, verificado antes de qualquer envio</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="236"/>
        <source>Resolve…</source>
        <translation>Resolver…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="237"/>
        <source>The order is on the panel: enter its ID</source>
        <translation>O pedido está no painel: digite o ID dele</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="241"/>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="242"/>
        <source>The order is not on the panel: stop tracking it</source>
        <translation>O pedido não está no painel: parar de acompanhá-lo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="246"/>
        <source>Track existing order IDs…</source>
        <translation>Acompanhar IDs de pedidos existentes…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="247"/>
        <source>Track orders placed outside SMMDesk</source>
        <translation>Acompanhar pedidos feitos fora do SMMDesk</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="251"/>
        <source>Note &amp;&amp; price…</source>
        <translation>Observação &amp;&amp; preço…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="252"/>
        <source>The note, customer and sell price of the selected orders (kept here, never sent to a panel)</source>
        <translation>Observação, cliente e preço de venda dos pedidos selecionados (guardados aqui, nunca enviados a um painel)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="261"/>
        <source>Markups…</source>
        <translation>Margens…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="262"/>
        <source>Markups per customer and per service</source>
        <translation>Margens por cliente e por serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="32"/>
        <source>not placed on the panel</source>
        <translation>não foi feito no painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="33"/>
        <source>on another panel</source>
        <translation>em outro painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="34"/>
        <source>the service has no refill</source>
        <translation>o serviço não tem reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="35"/>
        <source>the service has no cancel</source>
        <translation>o serviço não tem cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="36"/>
        <source>canceled, refunded or failed</source>
        <translation>cancelado, reembolsado ou com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="37"/>
        <source>already final</source>
        <translation>já finalizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="38"/>
        <source>a refill is already running</source>
        <translation>já há uma reposição em andamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="39"/>
        <source>no order ID</source>
        <translation>sem ID de pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="40"/>
        <source>no link</source>
        <translation>sem link</translation>
    </message>
</context>
<context>
    <name>OrderDialogs</name>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="43"/>
        <source>Dismiss 1 unconfirmed order? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>Dispensar 1 pedido não confirmado? Faça isso só depois de conferir a lista de pedidos do painel: um pedido dispensado deixa de ser acompanhado.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="48"/>
        <source>Dismiss {count} unconfirmed orders? Do this only after checking the panel&apos;s order list: a dismissed order is no longer tracked.</source>
        <translation>Dispensar {count} pedidos não confirmados? Faça isso só depois de conferir a lista de pedidos do painel: um pedido dispensado deixa de ser acompanhado.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="54"/>
        <source>Dismiss unconfirmed orders</source>
        <translation>Dispensar pedidos não confirmados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="60"/>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="85"/>
        <source>Correct the order ID</source>
        <translation>Corrigir o ID do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="87"/>
        <source>Resolve unconfirmed order</source>
        <translation>Resolver pedido não confirmado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="97"/>
        <source>e.g. 23501</source>
        <translation>ex.: 23501</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="98"/>
        <source>Panel&apos;s order ID</source>
        <translation>ID do pedido no painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="106"/>
        <source>Correct the ID</source>
        <translation>Corrigir o ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="108"/>
        <source>Mark as placed</source>
        <translation>Marcar como feito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="130"/>
        <source>This order</source>
        <translation>Este pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="131"/>
        <source>On the panel</source>
        <translation>No painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="161"/>
        <source>Asking the panel…</source>
        <translation>Consultando o painel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="185"/>
        <source>This order was marked as placed by hand on {time} as order {id}. If that is the wrong order, enter the right ID: the panel is asked first, and the history keeps both.</source>
        <translation>Este pedido foi marcado manualmente como feito em {time}, como pedido {id}. Se for o pedido errado, digite o ID certo: o painel é consultado primeiro, e o histórico guarda os dois.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="191"/>
        <source>Find this order in the panel&apos;s order list (compare the time and link below) and enter the order ID it shows there. If it is not there, cancel and dismiss the order instead.</source>
        <translation>Encontre este pedido na lista de pedidos do painel (compare o horário e o link abaixo) e digite o ID de pedido que aparece lá. Se ele não estiver lá, cancele e dispense o pedido.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="200"/>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="202"/>
        <source>Sent {time}</source>
        <translation>Enviado em {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="203"/>
        <source>Service {id} · {name}</source>
        <translation>Serviço {id} · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="206"/>
        <source>Link {link}</source>
        <translation>Link {link}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="207"/>
        <source>Quantity {quantity}</source>
        <translation>Quantidade {quantity}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="213"/>
        <source>Charge ≈ {amount}</source>
        <translation>Custo ≈ {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="219"/>
        <source>Order {id}</source>
        <translation>Pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="220"/>
        <source>Status {status} ({panel_word})</source>
        <translation>Status {status} ({panel_word})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="226"/>
        <source>Charge {amount}</source>
        <translation>Custo {amount}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="229"/>
        <source>Start count {count}</source>
        <translation>Contagem inicial {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="232"/>
        <source>Remains {count}</source>
        <translation>Restante {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="237"/>
        <source>Could not ask the panel: {problem}</source>
        <translation>Não foi possível consultar o painel: {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="243"/>
        <source>The panel says: {answer}</source>
        <translation>O painel diz: {answer}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="247"/>
        <source>Order {id} is already in this panel&apos;s history.</source>
        <translation>O pedido {id} já está no histórico deste painel.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="252"/>
        <source>This is the ID the order has now.</source>
        <translation>Este é o ID que o pedido já tem.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/dialogs.py" line="254"/>
        <source>The panel knows this order: compare it with this one before confirming.</source>
        <translation>O painel conhece este pedido: compare-o com este antes de confirmar.</translation>
    </message>
</context>
<context>
    <name>OrderEstimate</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="37"/>
        <source>{unit} per post, open-ended (charged as each post appears)</source>
        <translation>{unit} por post, sem limite (cobrado a cada novo post)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="44"/>
        <source>{total} (1 post × {unit} per post)</source>
        <translation>{total} (1 post × {unit} por post)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="46"/>
        <source>{total} ({count} posts × {unit} per post)</source>
        <translation>{total} ({count} posts × {unit} por post)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="50"/>
        <source>{total} (1 run × {unit})</source>
        <translation>{total} (1 execução × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="52"/>
        <source>{total} ({count} runs × {unit})</source>
        <translation>{total} ({count} execuções × {unit})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="65"/>
        <source>1 package</source>
        <translation>1 pacote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="72"/>
        <source>1 run × {each} = {total}</source>
        <translation>1 execução × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="74"/>
        <source>{count} runs × {each} = {total}</source>
        <translation>{count} execuções × {each} = {total}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="84"/>
        <source>1 line</source>
        <translation>1 linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="85"/>
        <source>{count} lines</source>
        <translation>{count} linhas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="91"/>
        <source>up to {count}</source>
        <translation>até {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="95"/>
        <source>{span} per post, open-ended</source>
        <translation>{span} por post, sem limite</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="97"/>
        <source>{span} per post × 1 post</source>
        <translation>{span} por post × 1 post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="99"/>
        <source>{span} per post × {count} posts</source>
        <translation>{span} por post × {count} posts</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="118"/>
        <source>{balance} — not enough funds for one post</source>
        <translation>{balance} — saldo insuficiente para um post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/estimate_text.py" line="120"/>
        <source>{balance} — charged post by post</source>
        <translation>{balance} — cobrado post a post</translation>
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
        <translation>&amp;Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="28"/>
        <source>&amp;Quantity</source>
        <translation>&amp;Quantidade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="29"/>
        <source>&amp;Drip-feed runs</source>
        <translation>Execuções do &amp;drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="30"/>
        <source>&amp;Interval (minutes)</source>
        <translation>&amp;Intervalo (minutos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="31"/>
        <source>&amp;Comments</source>
        <translation>&amp;Comentários</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="32"/>
        <source>&amp;Usernames</source>
        <translation>Nomes de &amp;usuário</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="33"/>
        <source>&amp;Username</source>
        <translation>Nome de &amp;usuário</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="34"/>
        <source>&amp;Keywords</source>
        <translation>Pala&amp;vras-chave</translation>
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
        <translation>&amp;URL da mídia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="38"/>
        <source>Comment &amp;author</source>
        <translation>&amp;Autor do comentário</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="39"/>
        <source>&amp;Answer number</source>
        <translation>Número da &amp;resposta</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="40"/>
        <source>&amp;Groups</source>
        <translation>&amp;Grupos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="41"/>
        <source>M&amp;in per post</source>
        <translation>Mín&amp;imo por post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="42"/>
        <source>M&amp;ax per post</source>
        <translation>Má&amp;ximo por post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="43"/>
        <source>Ne&amp;w posts</source>
        <translation>No&amp;vos posts</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="44"/>
        <source>O&amp;ld posts</source>
        <translation>Posts an&amp;tigos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="45"/>
        <source>&amp;Delay (minutes)</source>
        <translation>&amp;Atraso (minutos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="46"/>
        <source>&amp;Expiry</source>
        <translation>&amp;Expiração</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="49"/>
        <source>The page, post or profile URL</source>
        <translation>URL da página, do post ou do perfil</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="50"/>
        <source>Leave empty for no drip-feed</source>
        <translation>Deixe vazio para não usar drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="51"/>
        <source>One comment per line</source>
        <translation>Um comentário por linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="52"/>
        <source>One username per line</source>
        <translation>Um nome de usuário por linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="53"/>
        <source>One keyword per line</source>
        <translation>Uma palavra-chave por linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="54"/>
        <source>One hashtag per line</source>
        <translation>Uma hashtag por linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="55"/>
        <source>Username of the comment&apos;s author</source>
        <translation>Nome de usuário do autor do comentário</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="56"/>
        <source>One group per line</source>
        <translation>Um grupo por linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="57"/>
        <source>Empty = unlimited</source>
        <translation>Vazio = ilimitado</translation>
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
        <translation>Fazer pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="152"/>
        <source>Quantity</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="153"/>
        <source>Estimated charge</source>
        <translation>Custo estimado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="154"/>
        <source>Balance after</source>
        <translation>Saldo após</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="161"/>
        <source>&amp;Service</source>
        <translation>&amp;Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="217"/>
        <source>Pick a service to order.</source>
        <translation>Escolha um serviço para pedir.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="281"/>
        <source>Order {id} placed</source>
        <translation>Pedido {id} feito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="497"/>
        <source>Unconfirmed: {error} — the panel may have placed it. Check the panel&apos;s order list for this link before ordering again, then resolve it in Orders.</source>
        <translation>Não confirmado: {error} — o painel pode ter feito o pedido. Confira a lista de pedidos do painel para este link antes de pedir novamente e depois resolva-o em Pedidos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="507"/>
        <source>The panel refused: no reason given</source>
        <translation>O painel recusou: sem motivo informado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/order_form.py" line="510"/>
        <source>The panel refused: {error}</source>
        <translation>O painel recusou: {error}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/sending_note.py" line="24"/>
        <source>Waiting for the panel&apos;s answer… ({service}): it gives up at {time}, in {seconds} s; an unclear answer is kept as unconfirmed, never sent again</source>
        <translation>Aguardando a resposta do painel… ({service}): desiste às {time}, em {seconds} s; se a resposta não for clara, o pedido fica como não confirmado e nunca é reenviado</translation>
    </message>
</context>
<context>
    <name>OrderNotes</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="46"/>
        <source>e.g. 12.50, or +30% over the charge</source>
        <translation>ex.: 12,50 ou +30% sobre o custo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="90"/>
        <source>Who this order is for (optional)</source>
        <translation>Para quem é este pedido (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="94"/>
        <source>A reminder for you; never sent to the panel</source>
        <translation>Um lembrete para você; nunca enviado ao painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="100"/>
        <source>&amp;Markups…</source>
        <translation>&amp;Margens…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="103"/>
        <source>Markups per customer and per service, which fill in the sell price</source>
        <translation>Margens por cliente e por serviço, que preenchem o preço de venda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="117"/>
        <source>Custome&amp;r (optional)</source>
        <translation>Clie&amp;nte (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="120"/>
        <source>&amp;Note (optional)</source>
        <translation>&amp;Observação (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="121"/>
        <source>Sell &amp;price (optional)</source>
        <translation>&amp;Preço de venda (opcional)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="177"/>
        <source>Sold for ≈ {price}</source>
        <translation>Vendido por ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="236"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Se vazio, a margem do cliente ({markup}) o define: ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="240"/>
        <source>Left empty, the customer&apos;s markup ({markup}) sets it</source>
        <translation>Se vazio, a margem do cliente ({markup}) o define</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="242"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it: ≈ {price}</source>
        <translation>Se vazio, a margem deste serviço ({markup}) o define: ≈ {price}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/notes_inputs.py" line="245"/>
        <source>Left empty, this service&apos;s markup ({markup}) sets it</source>
        <translation>Se vazio, a margem deste serviço ({markup}) o define</translation>
    </message>
</context>
<context>
    <name>OrderProblems</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="63"/>
        <source>{field} is required</source>
        <translation>{field}: campo obrigatório</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="64"/>
        <source>{field} is too large</source>
        <translation>{field}: valor grande demais</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="65"/>
        <source>{field} must be a whole number</source>
        <translation>{field}: deve ser um número inteiro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="66"/>
        <source>{field} must be one of {choices}</source>
        <translation>{field}: deve ser um destes: {choices}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="67"/>
        <source>A link is a single line</source>
        <translation>Um link ocupa uma única linha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="68"/>
        <source>A link cannot contain spaces or control characters</source>
        <translation>Um link não pode conter espaços nem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="69"/>
        <source>A link is at most {limit} characters (this one has {count})</source>
        <translation>Um link tem no máximo {limit} caracteres (este tem {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="72"/>
        <source>A link starts with http:// or https://, not {scheme}:</source>
        <translation>Um link começa com http:// ou https://, não com {scheme}:</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="73"/>
        <source>This link has no address after http(s)://</source>
        <translation>Este link não tem endereço depois de http(s)://</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="74"/>
        <source>This link&apos;s address is not valid</source>
        <translation>O endereço deste link não é válido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="75"/>
        <source>{field} is a single line without control characters</source>
        <translation>{field}: uma única linha, sem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="76"/>
        <source>{field} is at most {limit} characters</source>
        <translation>{field}: no máximo {limit} caracteres</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="77"/>
        <source>{field}: at most {limit} lines (you have {count})</source>
        <translation>{field}: no máximo {limit} linhas (você tem {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="78"/>
        <source>At least {limit} (you have {count})</source>
        <translation>No mínimo {limit} (você tem {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="79"/>
        <source>At most {limit} (you have {count})</source>
        <translation>No máximo {limit} (você tem {count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="80"/>
        <source>At least 1 post (leave empty for no limit)</source>
        <translation>No mínimo 1 post (deixe vazio para não ter limite)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="81"/>
        <source>At least {limit}</source>
        <translation>No mínimo {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="82"/>
        <source>At most {limit}</source>
        <translation>No máximo {limit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="83"/>
        <source>Max must not be below min</source>
        <translation>O máximo não pode ser menor que o mínimo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="84"/>
        <source>Drip-feed needs at least 2 runs</source>
        <translation>O drip-feed precisa de pelo menos 2 execuções</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="85"/>
        <source>Drip-feed needs an interval of at least 1 minute</source>
        <translation>O drip-feed precisa de um intervalo de pelo menos 1 minuto</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="86"/>
        <source>“{text}” is not an amount. Type an amount such as 12.50, or a markup such as +30%.</source>
        <translation>“{text}” não é um valor. Digite um valor como 12,50 ou uma margem como +30%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="90"/>
        <source>That amount is too large.</source>
        <translation>Esse valor é grande demais.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="91"/>
        <source>An amount has at most 7 decimals.</source>
        <translation>Um valor tem no máximo 7 casas decimais.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="92"/>
        <source>“{text}” is not a markup. Type a percentage, such as 30.</source>
        <translation>“{text}” não é uma margem. Digite uma porcentagem, como 30.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="93"/>
        <source>A markup lies between -100% and 100,000%.</source>
        <translation>Uma margem fica entre -100% e 100.000%.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/field_words.py" line="94"/>
        <source>Type the markup before the %, such as +30%.</source>
        <translation>Digite a margem antes do %, como +30%.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="45"/>
        <source>⚠ Unconfirmed</source>
        <translation>⚠ Não confirmado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="46"/>
        <source>✕ Rejected</source>
        <translation>✕ Rejeitado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="47"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="48"/>
        <source>Dismissed</source>
        <translation>Dispensado</translation>
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
        <translation>Pendente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="39"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="20"/>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="40"/>
        <location filename="../../smmdesk/ui/orders/wording.py" line="21"/>
        <source>Completed</source>
        <translation>Concluído</translation>
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
        <translation>Não confirmado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="44"/>
        <source>Rejected</source>
        <translation>Rejeitado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="24"/>
        <source>Refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="25"/>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="26"/>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="27"/>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="28"/>
        <source>Expired</source>
        <translation>Expirado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/wording.py" line="29"/>
        <source>Unknown</source>
        <translation>Desconhecido</translation>
    </message>
</context>
<context>
    <name>OrderTwins</name>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="24"/>
        <source>being sent</source>
        <translation>sendo enviado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="25"/>
        <source>unconfirmed</source>
        <translation>não confirmado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="32"/>
        <source>order {id}</source>
        <translation>pedido {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="34"/>
        <source>#{id} (no order ID yet)</source>
        <translation>#{id} (ainda sem ID de pedido)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="36"/>
        <source>service {id}</source>
        <translation>serviço {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="56"/>
        <source>… and {count} more</source>
        <translation>… e mais {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="69"/>
        <source>An unconfirmed order for this link may already be on the panel. Check that panel&apos;s order list for this link first: if the order is there, resolve it in Orders with its ID instead of ordering again.</source>
        <translation>Um pedido não confirmado para este link pode já estar no painel. Primeiro confira a lista de pedidos desse painel para este link: se o pedido estiver lá, resolva-o em Pedidos com o ID dele em vez de pedir novamente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="76"/>
        <source>This link already has an active order. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Este link já tem um pedido ativo. Os painéis recusam um segundo pedido para o mesmo link, ou executam os dois ao mesmo tempo, até o primeiro ser concluído.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="81"/>
        <source>This link already has {count} active orders. Panels refuse a second order for the same link, or run both at once, until the first one is completed.</source>
        <translation>Este link já tem {count} pedidos ativos. Os painéis recusam um segundo pedido para o mesmo link, ou executam os dois ao mesmo tempo, até o primeiro ser concluído.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/twins.py" line="91"/>
        <source>placed, not checked yet</source>
        <translation>feito, ainda não verificado</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="80"/>
        <source>Panel says: {status}</source>
        <translation>O painel diz: {status}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="95"/>
        <source>Not known (tracked by its ID)</source>
        <translation>Desconhecido (acompanhado pelo ID)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="122"/>
        <source>{span} per post</source>
        <translation>{span} por post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="125"/>
        <source>{span} × 1 post</source>
        <translation>{span} × 1 post</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="126"/>
        <source>{span} × {count} posts</source>
        <translation>{span} × {count} posts</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="144"/>
        <source>Run {done} of {runs}</source>
        <translation>Execução {done} de {runs}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="150"/>
        <source>1 post served</source>
        <translation>1 post atendido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="151"/>
        <source>{count} posts served</source>
        <translation>{count} posts atendidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="174"/>
        <source>Check the panel, then Resolve… (it is there) or Dismiss (it is not).</source>
        <translation>Confira no painel e depois use Resolver… (se estiver lá) ou Dispensar (se não estiver).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="213"/>
        <source>Sell {sell} − estimated charge {charge} = {profit}</source>
        <translation>Venda {sell} − custo estimado {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="215"/>
        <source>Sell {sell} − charge {charge} = {profit}</source>
        <translation>Venda {sell} − custo {charge} = {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="224"/>
        <source>Counted at what was delivered ({percent}%): the panel&apos;s charge is for the whole order, so both are scaled.</source>
        <translation>Calculado pelo que foi entregue ({percent}%): o custo do painel é do pedido inteiro, então os dois valores são ajustados na mesma proporção.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/order_cells.py" line="230"/>
        <source>Counted at what was delivered ({percent}%): the panel already charged only what it delivered.</source>
        <translation>Calculado pelo que foi entregue ({percent}%): o painel já cobrou só o que entregou.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="61"/>
        <source>Spend {spend}</source>
        <translation>Gasto {spend}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="63"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit}</source>
        <translation>Gasto {spend} · Venda {sell} · Lucro {profit}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="65"/>
        <source>Spend {spend} · Sell {sell} · Profit {profit} ({sold} of {orders} sold)</source>
        <translation>Gasto {spend} · Venda {sell} · Lucro {profit} ({sold} de {orders} vendidos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="87"/>
        <source>Search ID, link, service, customer, note…</source>
        <translation>Pesquisar ID, link, serviço, cliente, observação…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="90"/>
        <source>Every word, in any order, without case or accents: “ana promocao” finds “Promoção” orders for customer Ana</source>
        <translation>Todas as palavras, em qualquer ordem, sem diferenciar maiúsculas nem acentos: “ana promocao” encontra os pedidos “Promoção” da cliente Ana</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="98"/>
        <source>All panels</source>
        <translation>Todos os painéis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="101"/>
        <source>Every panel&apos;s orders in one list, with a Panel column; actions go to each order&apos;s own panel</source>
        <translation>Os pedidos de todos os painéis numa só lista, com uma coluna Painel; as ações vão para o painel de cada pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="107"/>
        <source>Refresh now</source>
        <translation>Atualizar agora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="116"/>
        <source>What the orders shown cost and sold for, per currency: orders the panel took, partial ones counted at what was delivered; profit counts the orders with a sell price</source>
        <translation>Quanto os pedidos exibidos custaram e por quanto foram vendidos, por moeda: pedidos aceitos pelo painel, os parciais contados pelo que foi entregue; o lucro conta os pedidos com preço de venda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="146"/>
        <source>{tab} ({count})</source>
        <translation>{tab} ({count})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="153"/>
        <source>1 order matching “{search}”</source>
        <translation>1 pedido corresponde a “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="154"/>
        <source>{count} orders matching “{search}”</source>
        <translation>{count} pedidos correspondem a “{search}”</translation>
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
        <translation>Somando…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="176"/>
        <source>All 1 order selected</source>
        <translation>1 pedido selecionado (todos)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="177"/>
        <source>All {count} orders selected</source>
        <translation>Todos os {count} pedidos selecionados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_chrome.py" line="180"/>
        <source>{count} selected</source>
        <translation>{count} selecionados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="91"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="92"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="93"/>
        <source>Order ID</source>
        <translation>ID do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="94"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="95"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="96"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="97"/>
        <source>Quantity</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="98"/>
        <source>Charge</source>
        <translation>Custo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="99"/>
        <source>Sell price</source>
        <translation>Preço de venda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="100"/>
        <source>Profit</source>
        <translation>Lucro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="101"/>
        <source>Start count</source>
        <translation>Contagem inicial</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="102"/>
        <source>Remains</source>
        <translation>Restante</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="103"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="104"/>
        <source>Currency</source>
        <translation>Moeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="105"/>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="106"/>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_model.py" line="254"/>
        <source>Panel {id}</source>
        <translation>Painel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="137"/>
        <source>Refreshing statuses…</source>
        <translation>Atualizando status…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="443"/>
        <source>Refresh failed — {problem}</source>
        <translation>Falha ao atualizar — {problem}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/orders_pane.py" line="452"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="32"/>
        <source>No order in {tab} matches “{search}”.</source>
        <translation>Nenhum pedido em {tab} corresponde a “{search}”.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="35"/>
        <source>Clear the search</source>
        <translation>Limpar a pesquisa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="39"/>
        <source>No orders in {tab}.</source>
        <translation>Nenhum pedido em {tab}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/empty_result.py" line="40"/>
        <source>Show all orders</source>
        <translation>Mostrar todos os pedidos</translation>
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
        <location filename="../../smmdesk/ui/prices/board_model.py" line="41"/>
        <source>not compared</source>
        <translation>não comparado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="63"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="64"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="65"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="66"/>
        <source>Rate</source>
        <translation>Preço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="67"/>
        <source>Panel&apos;s rate</source>
        <translation>Preço do painel</translation>
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
        <translation>Reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="71"/>
        <source>Cancel</source>
        <translation>Cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="72"/>
        <source>Completion</source>
        <translation>Conclusão</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="75"/>
        <source>From your own orders: the median time from placed to completed, and in brackets how many orders it rests on. Empty: you never had an order of it completed.</source>
        <translation>Dos seus próprios pedidos: a mediana do tempo entre feito e concluído e, entre parênteses, em quantos pedidos ela se baseia. Vazio: você nunca teve um pedido dele concluído.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="97"/>
        <source>Lifetime</source>
        <translation>Vitalícia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="99"/>
        <source>No refill</source>
        <translation>Sem reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_model.py" line="101"/>
        <source>{count} days</source>
        <translation>{count} dias</translation>
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
        <translation>Pesquisar em todos os painéis: palavras em qualquer ordem…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="71"/>
        <source>&amp;Compare in</source>
        <translation>&amp;Comparar em</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="73"/>
        <source>&amp;Rates…</source>
        <translation>&amp;Taxas…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="75"/>
        <source>&amp;Order on this panel</source>
        <translation>Fazer &amp;pedido neste painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="156"/>
        <source>Reading every panel&apos;s catalogue…</source>
        <translation>Lendo o catálogo de todos os painéis…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="207"/>
        <source>No service of any panel matches “{search}”.</source>
        <translation>Nenhum serviço de nenhum painel corresponde a “{search}”.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="210"/>
        <source>Clear the search</source>
        <translation>Limpar a pesquisa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="249"/>
        <source>No catalogue is cached yet: open a panel&apos;s Services tab once to fetch it.</source>
        <translation>Ainda não há catálogo em cache: abra uma vez a aba Serviços de um painel para baixá-lo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="277"/>
        <source>{summary} Not compared until a balance says their currency: {panels}.</source>
        <translation>{summary} Sem comparação até que um saldo informe a moeda: {panels}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="256"/>
        <source>1 panel, {services} services, cheapest first.</source>
        <translation>1 painel, {services} serviços, do mais barato ao mais caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="257"/>
        <source>{panels} panels, {services} services, cheapest first.</source>
        <translation>{panels} painéis, {services} serviços, do mais barato ao mais caro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="259"/>
        <source>1 panel, {services} services: none can be compared in {currency}.</source>
        <translation>1 painel, {services} serviços: nenhum pode ser comparado em {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="262"/>
        <source>{panels} panels, {services} services: none can be compared in {currency}.</source>
        <translation>{panels} painéis, {services} serviços: nenhum pode ser comparado em {currency}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/prices/board_pane.py" line="271"/>
        <source>{summary} Not compared (no conversion rate for {currencies}): add one with Rates…</source>
        <translation>{summary} Não comparados (sem taxa de conversão para {currencies}): adicione uma em Taxas…</translation>
    </message>
</context>
<context>
    <name>PriceWatch</name>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="18"/>
        <source>no longer listed</source>
        <translation>não está mais listado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="32"/>
        <source>Seen</source>
        <translation>Visto em</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="33"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="34"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="35"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="36"/>
        <source>Old rate</source>
        <translation>Preço antigo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="37"/>
        <source>New rate</source>
        <translation>Preço novo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="38"/>
        <source>Change</source>
        <translation>Variação</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="52"/>
        <source>gone</source>
        <translation>removido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_model.py" line="61"/>
        <source>{change}%</source>
        <translation>{change}%</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="30"/>
        <source>No service you ordered in the last {days} days changed its price or left a panel&apos;s catalogue. Changes are seen when a catalogue is refreshed (Services tab).</source>
        <translation>Nenhum serviço que você pediu nos últimos {days} dias mudou de preço ou saiu do catálogo de um painel. As mudanças aparecem quando um catálogo é atualizado (aba Serviços).</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="41"/>
        <source>1 price change</source>
        <translation>1 mudança de preço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="42"/>
        <source>{count} price changes</source>
        <translation>{count} mudanças de preço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="45"/>
        <source>{changes} and {gone}</source>
        <translation>{changes} e {gone}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="49"/>
        <source>1 service no longer listed</source>
        <translation>1 serviço que não está mais listado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="50"/>
        <source>{count} services no longer listed</source>
        <translation>{count} serviços que não estão mais listados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/watch_tab.py" line="53"/>
        <source>{what} among the services you ordered in the last {days} days, newest first. Rates are per 1000 (per package for packages), in each panel&apos;s currency.</source>
        <translation>{what} entre os serviços que você pediu nos últimos {days} dias, dos mais recentes aos mais antigos. Os preços são por 1000 (por pacote, nos pacotes), na moeda de cada painel.</translation>
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
    <name>RefillWindows</name>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="43"/>
        <source>Guarantee ends</source>
        <translation>Fim da garantia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="44"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="45"/>
        <source>Order ID</source>
        <translation>ID do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="46"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="47"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="48"/>
        <source>Guarantee</source>
        <translation>Garantia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="49"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="50"/>
        <source>Dropped</source>
        <translation>Caiu</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="53"/>
        <source>Tick when the count on the link fell: the panel is not asked about a finished order again, so only you can see it.</source>
        <translation>Marque quando a contagem no link cair: o painel não é consultado de novo sobre um pedido concluído, então só você pode ver isso.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="65"/>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="66"/>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="67"/>
        <source>Completed</source>
        <translation>Concluído</translation>
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
        <translation>Com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="72"/>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="73"/>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="74"/>
        <source>Expired</source>
        <translation>Expirado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="75"/>
        <source>Unknown</source>
        <translation>Desconhecido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="84"/>
        <source>within the hour</source>
        <translation>em menos de 1 hora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="87"/>
        <source>in {count} h</source>
        <translation>em {count} h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="91"/>
        <source>in 1 day</source>
        <translation>em 1 dia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="92"/>
        <source>in {count} days</source>
        <translation>em {count} dias</translation>
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
        <translation>vitalícia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_model.py" line="147"/>
        <source>{state}, finished {age}</source>
        <translation>{state}, finalizado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="62"/>
        <source>No refill guarantee ends in the next {days}.</source>
        <translation>Nenhuma garantia de reposição termina dentro de {days}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="63"/>
        <source>Listed here are completed or partial orders whose service promised a refill period in its name or description (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), with no refill running; services that state no period are never listed.</source>
        <translation>Aqui aparecem pedidos concluídos ou parciais cujo serviço prometeu um prazo de reposição no nome ou na descrição (&quot;30 Days Refill&quot;, &quot;R30&quot;, &quot;Lifetime&quot;), sem reposição em andamento; serviços que não informam prazo nunca aparecem.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="74"/>
        <source>{orders} whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} com garantia de reposição terminando dentro de {days}, dos mais próximos aos mais distantes.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>1 panel</source>
        <translation>1 painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="110"/>
        <source>{count} panels</source>
        <translation>{count} painéis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="130"/>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="131"/>
        <source>Guarantee ends &amp;within</source>
        <translation>Garantia termina em a&amp;té</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="56"/>
        <source>Dropped or partial</source>
        <translation>Caídos ou parciais</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="57"/>
        <source>Every closing guarantee</source>
        <translation>Todas as garantias terminando</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="81"/>
        <source>{orders} that dropped or went partial, whose refill guarantee ends in the next {days}, soonest first.</source>
        <translation>{orders} que caíram ou ficaram parciais, cuja garantia de reposição termina em {days}, os mais próximos primeiro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="92"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. 1 order&apos;s guarantee ends then: show every closing guarantee and tick Dropped if its count fell.</source>
        <translation>Nenhum pedido que caiu ou ficou parcial tem garantia de reposição terminando em {days}. A garantia de 1 pedido termina nesse prazo: mostre todas as garantias terminando e marque Caiu se a contagem dele baixou.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="98"/>
        <source>No order that dropped or went partial has a refill guarantee ending in the next {days}. {count} orders&apos; guarantees end then: show every closing guarantee and tick Dropped for those whose count fell.</source>
        <translation>Nenhum pedido que caiu ou ficou parcial tem garantia de reposição terminando em {days}. As garantias de {count} pedidos terminam nesse prazo: mostre todas as garantias terminando e marque Caiu nos que tiveram a contagem baixada.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="136"/>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="140"/>
        <source>&amp;Refill dropped and partial</source>
        <translation>&amp;Repor caídos e parciais</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="240"/>
        <source>Ask for a refill of {orders} on {panels}?</source>
        <translation>Solicitar reposição de {orders} em {panels}?</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="243"/>
        <source>Refill orders</source>
        <translation>Repor pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="247"/>
        <source>Refill 1 order</source>
        <translation>Repor 1 pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="248"/>
        <source>Refill {count} orders</source>
        <translation>Repor {count} pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="252"/>
        <source>Don&apos;t refill</source>
        <translation>Não repor</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="268"/>
        <source>Requesting 1 refill…</source>
        <translation>Solicitando 1 reposição…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="269"/>
        <source>Requesting {count} refills…</source>
        <translation>Solicitando {count} reposições…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="290"/>
        <source>{summary}. Not sent: {failures}</source>
        <translation>{summary}. Não enviados: {failures}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/refill_tab.py" line="295"/>
        <source>Refill results</source>
        <translation>Resultado das reposições</translation>
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
        <translation>ID da reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="62"/>
        <source>Order ID</source>
        <translation>ID do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="63"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="65"/>
        <source>Requested</source>
        <translation>Solicitada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="66"/>
        <source>Updated</source>
        <translation>Atualizada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="67"/>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="71"/>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="72"/>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="73"/>
        <source>Completed</source>
        <translation>Concluída</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="74"/>
        <source>Rejected</source>
        <translation>Rejeitada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="75"/>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="76"/>
        <source>Unknown</source>
        <translation>Desconhecida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="91"/>
        <source>Refused</source>
        <translation>Recusada</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_model.py" line="230"/>
        <source>Panel {id}</source>
        <translation>Painel {id}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="105"/>
        <source>Refreshing refills…</source>
        <translation>Atualizando reposições…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="158"/>
        <source>Search refill ID, order ID, panel, status…</source>
        <translation>Pesquisar ID da reposição, ID do pedido, painel, status…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="161"/>
        <source>All panels</source>
        <translation>Todos os painéis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="164"/>
        <source>Every panel&apos;s refills in one list, with a Panel column</source>
        <translation>As reposições de todos os painéis numa só lista, com uma coluna Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="166"/>
        <source>Refresh now</source>
        <translation>Atualizar agora</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="274"/>
        <source>Refresh failed — {reason}</source>
        <translation>Falha ao atualizar — {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="284"/>
        <source>{panel}: {text}</source>
        <translation>{panel}: {text}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="303"/>
        <source>1 refill matching “{search}”</source>
        <translation>1 reposição corresponde a “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="304"/>
        <source>{count} refills matching “{search}”</source>
        <translation>{count} reposições correspondem a “{search}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>{count} refills</source>
        <translation>{count} reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/refills/refills_pane.py" line="306"/>
        <source>1 refill</source>
        <translation>1 reposição</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="55"/>
        <source>Others</source>
        <translation>Outros</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="57"/>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="77"/>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="64"/>
        <source>unknown currency</source>
        <translation>moeda desconhecida</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="66"/>
        <source>Spend ({currency})</source>
        <translation>Gasto ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_chart.py" line="67"/>
        <source>Profit ({currency})</source>
        <translation>Lucro ({currency})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="33"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="34"/>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="35"/>
        <source>Currency</source>
        <translation>Moeda</translation>
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
        <translation>Com preço de venda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="39"/>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="75"/>
        <source>Profit</source>
        <translation>Lucro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_model.py" line="48"/>
        <source>week of {day}</source>
        <translation>semana de {day}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="22"/>
        <source>No orders yet. Spending reports add up the orders you place from SMMDesk (or track by ID): place one from New order or Mass order and it appears here.</source>
        <translation>Ainda não há pedidos. Os relatórios de gastos somam os pedidos que você faz pelo SMMDesk (ou acompanha por ID): faça um em Novo pedido ou Pedido em massa e ele aparece aqui.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="29"/>
        <source>The start date is after the end date: pick a start on or before the end.</source>
        <translation>A data inicial é posterior à data final: escolha um início igual ou anterior ao fim.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="34"/>
        <source>Profit needs the sell price of each order, which this history does not record yet. Spend is shown instead.</source>
        <translation>O lucro precisa do preço de venda de cada pedido, que este histórico ainda não registra. O gasto é mostrado no lugar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="42"/>
        <source>{count} days are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} dias são barras demais para um gráfico: escolha meses ou um intervalo menor. A tabela abaixo lista todas as linhas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="47"/>
        <source>{count} weeks are too many bars for one chart: choose months or a shorter range. The table below lists every line.</source>
        <translation>{count} semanas são barras demais para um gráfico: escolha meses ou um intervalo menor. A tabela abaixo lista todas as linhas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="52"/>
        <source>{count} months are too many bars for one chart: choose fewer years or a shorter range. The table below lists every line.</source>
        <translation>{count} meses são barras demais para um gráfico: escolha menos anos ou um intervalo menor. A tabela abaixo lista todas as linhas.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="67"/>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="80"/>
        <source>{count} orders from {first} to {last}.</source>
        <translation>{count} pedidos de {first} a {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="86"/>
        <source>1 order from {first} to {last}: {spent} spent.</source>
        <translation>1 pedido de {first} a {last}: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="87"/>
        <source>{count} orders from {first} to {last}: {spent} spent.</source>
        <translation>{count} pedidos de {first} a {last}: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="99"/>
        <source>Profit {profit} on the 1 order with a sell price.</source>
        <translation>Lucro de {profit} no único pedido com preço de venda.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="100"/>
        <source>Profit {profit} on the {count} orders with a sell price.</source>
        <translation>Lucro de {profit} nos {count} pedidos com preço de venda.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="121"/>
        <source>This order has no sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Este pedido não tem preço de venda, então não há lucro a mostrar. Defina preços de venda na aba Pedidos ou mostre o Gasto.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="126"/>
        <source>None of these {count} orders has a sell price, so there is no profit to show. Set sell prices in the Orders tab, or show Spend.</source>
        <translation>Nenhum destes {count} pedidos tem preço de venda, então não há lucro a mostrar. Defina preços de venda na aba Pedidos ou mostre o Gasto.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="139"/>
        <source>Amounts in {currencies} are kept apart, never added together. The chart shows {shown}; pick another currency above. The table lists them all.</source>
        <translation>Valores em {currencies} ficam separados, nunca somados. O gráfico mostra {shown}; escolha outra moeda acima. A tabela lista todos.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="152"/>
        <source>Nothing was spent in this currency and range: its orders were canceled, refunded or failed, and the panels gave the money back.</source>
        <translation>Nada foi gasto nesta moeda e neste intervalo: os pedidos foram cancelados, reembolsados ou falharam, e os painéis devolveram o dinheiro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="157"/>
        <source>Profit is zero on every order with a sell price in this range.</source>
        <translation>O lucro é zero em todos os pedidos com preço de venda neste intervalo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="166"/>
        <source>No orders were placed from {first} to {last}.</source>
        <translation>Nenhum pedido foi feito de {first} a {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="171"/>
        <source>That range is in the future.</source>
        <translation>Esse intervalo está no futuro.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="177"/>
        <source>Your one order was placed on {first}.</source>
        <translation>Seu único pedido foi feito em {first}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/report_words.py" line="178"/>
        <source>Your {count} orders were placed from {first} to {last}.</source>
        <translation>Seus {count} pedidos foram feitos de {first} a {last}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="61"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="62"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="63"/>
        <source>Last 90 days</source>
        <translation>Últimos 90 dias</translation>
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
        <translation>Dia</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="67"/>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="68"/>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="70"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="71"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="72"/>
        <source>Category</source>
        <translation>Categoria</translation>
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
        <translation>Salvar &amp;gráfico…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="132"/>
        <source>&amp;Range</source>
        <translation>&amp;Intervalo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="133"/>
        <source>&amp;From</source>
        <translation>&amp;De</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="134"/>
        <source>&amp;To</source>
        <translation>A&amp;té</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="135"/>
        <source>&amp;By</source>
        <translation>Po&amp;r</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="145"/>
        <source>&amp;Per</source>
        <translation>Agr&amp;upar por</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="146"/>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="147"/>
        <source>C&amp;urrency</source>
        <translation>M&amp;oeda</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="214"/>
        <source>Adding up your orders…</source>
        <translation>Somando seus pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="331"/>
        <source>Export report</source>
        <translation>Exportar relatório</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="346"/>
        <source>Save chart</source>
        <translation>Salvar gráfico</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="351"/>
        <source>PNG images (*.png)</source>
        <translation>Imagens PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="385"/>
        <source>Exported 1 chart to {path}</source>
        <translation>1 gráfico exportado para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="388"/>
        <source>Exported 1 line to {path}</source>
        <translation>1 linha exportada para {path}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/reports_tab.py" line="389"/>
        <source>Exported {count} lines to {path}</source>
        <translation>{count} linhas exportadas para {path}</translation>
    </message>
</context>
<context>
    <name>Scorecard</name>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="44"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="45"/>
        <source>Service</source>
        <translation>Serviço</translation>
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
        <translation>Feito → iniciado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="49"/>
        <source>90% started within</source>
        <translation>90% iniciados em até</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="50"/>
        <source>Placed → completed</source>
        <translation>Feito → concluído</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="51"/>
        <source>90% completed within</source>
        <translation>90% concluídos em até</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="52"/>
        <source>Partial</source>
        <translation>Parciais</translation>
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
        <translation>Com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="56"/>
        <source>Refills</source>
        <translation>Reposições</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="57"/>
        <source>Stuck</source>
        <translation>Parados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="61"/>
        <source>partial</source>
        <translation>parciais</translation>
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
        <translation>com falha</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="78"/>
        <source>{asked} asked: {done} done, {refused} refused</source>
        <translation>{asked} solicitadas: {done} concluídas, {refused} recusadas</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="103"/>
        <source>(every service)</source>
        <translation>(todos os serviços)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="152"/>
        <source>From your 1 order: {spent} spent.</source>
        <translation>Do seu único pedido: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="153"/>
        <source>From your {count} orders: {spent} spent.</source>
        <translation>Dos seus {count} pedidos: gasto de {spent}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="156"/>
        <source>Placed → started: {spread}.</source>
        <translation>Feito → iniciado: {spread}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="159"/>
        <source>Placed → completed: {spread}.</source>
        <translation>Feito → concluído: {spread}.</translation>
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
        <translation>Reposições: {refills}.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="188"/>
        <source>1 order with no progress lately.</source>
        <translation>1 pedido sem progresso recente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_model.py" line="189"/>
        <source>{count} orders with no progress lately.</source>
        <translation>{count} pedidos sem progresso recente.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="27"/>
        <source>No orders yet. The scorecard is worked out from your own orders: how fast each service started and completed, how often it ended partial, canceled or refunded. Place orders and it fills in as they progress.</source>
        <translation>Ainda não há pedidos. O desempenho é calculado a partir dos seus próprios pedidos: com que rapidez cada serviço iniciou e concluiu, com que frequência terminou parcial, cancelado ou reembolsado. Faça pedidos e ele vai sendo preenchido conforme eles avançam.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per service</source>
        <translation>Por serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="51"/>
        <source>Per panel</source>
        <translation>Por painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="57"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="59"/>
        <source>An order not final with no progress for this long is stuck</source>
        <translation>Um pedido não finalizado e sem progresso por esse tempo é considerado parado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="61"/>
        <source>&amp;Stuck after no progress for</source>
        <translation>Considerar &amp;parado sem progresso por</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="95"/>
        <source>Working out the scorecard from your orders…</source>
        <translation>Calculando o desempenho a partir dos seus pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="150"/>
        <source>From your {orders} on {panels}, {services}. Times run from placing to the first refresh that saw the order started or completed; each figure says how many orders it rests on.</source>
        <translation>Com base em {orders} em {panels}, {services}. Os tempos vão do envio do pedido até a primeira atualização que o viu iniciado ou concluído; cada número informa em quantos pedidos se baseia.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>1 panel</source>
        <translation>1 painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="158"/>
        <source>{count} panels</source>
        <translation>{count} painéis</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="162"/>
        <source>1 service</source>
        <translation>1 serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="163"/>
        <source>{count} services</source>
        <translation>{count} serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="168"/>
        <source>One order is too few to judge a provider by.</source>
        <translation>Um só pedido é pouco para avaliar um fornecedor.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="173"/>
        <source>1 order had no progress for {hours} h or more.</source>
        <translation>1 pedido ficou sem progresso por {hours} h ou mais.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/scorecard_tab.py" line="174"/>
        <source>{count} orders had no progress for {hours} h or more.</source>
        <translation>{count} pedidos ficaram sem progresso por {hours} h ou mais.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="22"/>
        <source>You have not ordered this service yet: no figures of your own.</source>
        <translation>Você ainda não pediu este serviço: não há números seus.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/insight/service_score.py" line="49"/>
        <source>Reading your orders of this service…</source>
        <translation>Lendo seus pedidos deste serviço…</translation>
    </message>
</context>
<context>
    <name>ServiceDetails</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="52"/>
        <source>Service description</source>
        <translation>Descrição do serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="57"/>
        <source>Order this</source>
        <translation>Pedir este</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="60"/>
        <source>Open the New order form with this service ({key})</source>
        <translation>Abrir o formulário Novo pedido com este serviço ({key})</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="84"/>
        <source>Select a service to see its details.</source>
        <translation>Selecione um serviço para ver os detalhes.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="89"/>
        <source>The panel gives no description.</source>
        <translation>O painel não fornece descrição.</translation>
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
        <translation>Preço: {rate}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="133"/>
        <source>Quantity: {min} to {max}</source>
        <translation>Quantidade: {min} a {max}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="140"/>
        <source>{change}: {detail}</source>
        <translation>{change}: {detail}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="151"/>
        <source>Refill: yes</source>
        <translation>Reposição: sim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="153"/>
        <source>Refill: no</source>
        <translation>Reposição: não</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="154"/>
        <source>Cancel: yes</source>
        <translation>Cancelamento: sim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="156"/>
        <source>Cancel: no</source>
        <translation>Cancelamento: não</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="157"/>
        <source>Drip-feed: yes</source>
        <translation>Drip-feed: sim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/service_details.py" line="159"/>
        <source>Drip-feed: no</source>
        <translation>Drip-feed: não</translation>
    </message>
</context>
<context>
    <name>ServiceFilter</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="32"/>
        <source>All categories</source>
        <translation>Todas as categorias</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="33"/>
        <source>{star} Favourites</source>
        <translation>{star} Favoritos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="37"/>
        <source>Search name, category or ID  (Ctrl+F)</source>
        <translation>Pesquisar nome, categoria ou ID  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="39"/>
        <source>Search services</source>
        <translation>Pesquisar serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="41"/>
        <source>Every word you type must appear in the service&apos;s name, category or ID, in any order</source>
        <translation>Cada palavra digitada precisa aparecer no nome, na categoria ou no ID do serviço, em qualquer ordem</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="54"/>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="56"/>
        <source>A category, or {favourites}: your starred services and those the panel dropped</source>
        <translation>Uma categoria ou {favourites}: os serviços que você marcou com estrela e os que o painel retirou</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="64"/>
        <source>&amp;Refill</source>
        <translation>Rep&amp;osição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="65"/>
        <source>Only services you can ask a refill for</source>
        <translation>Só serviços em que você pode solicitar reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="69"/>
        <source>C&amp;ancel</source>
        <translation>&amp;Cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="70"/>
        <source>Only services whose orders you can ask to cancel</source>
        <translation>Só serviços em que você pode solicitar o cancelamento do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="74"/>
        <source>&amp;Drip-feed</source>
        <translation>&amp;Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="75"/>
        <source>Only services that can be delivered in runs</source>
        <translation>Só serviços que podem ser entregues em execuções (drip-feed)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="79"/>
        <source>Changes on&amp;ly</source>
        <translation>Só a&amp;lterações</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/filter_bar.py" line="80"/>
        <source>Only services that are new or re-priced since the last fetch</source>
        <translation>Só serviços novos ou com preço alterado desde o último download</translation>
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
        <translation>Pedido recentemente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="71"/>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="63"/>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="72"/>
        <source>Rate / 1000</source>
        <translation>Preço / 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="73"/>
        <source>Min – max</source>
        <translation>Mín. – máx.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_model.py" line="231"/>
        <source>Favourite or recent</source>
        <translation>Favorito ou recente</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="57"/>
        <source>Clear search</source>
        <translation>Limpar pesquisa</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="114"/>
        <source>No service matches “{typed}”. Esc goes back.</source>
        <translation>Nenhum serviço corresponde a “{typed}”. Esc para voltar.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="118"/>
        <source>This panel lists no services yet.</source>
        <translation>Este painel ainda não lista nenhum serviço.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="186"/>
        <source>1 service matches · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 serviço corresponde · ↑ ↓ para mover, Enter para escolher, Esc para voltar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="190"/>
        <source>{count} services match · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} serviços correspondem · ↑ ↓ para mover, Enter para escolher, Esc para voltar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="194"/>
        <source>1 service · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>1 serviço · ↑ ↓ para mover, Enter para escolher, Esc para voltar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/picker_popup.py" line="197"/>
        <source>{count} services · ↑ ↓ to move, Enter to choose, Esc to go back</source>
        <translation>{count} serviços · ↑ ↓ para mover, Enter para escolher, Esc para voltar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="61"/>
        <source>Search services by ID, name or category…</source>
        <translation>Pesquisar serviços por ID, nome ou categoria…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/ordering/service_picker.py" line="70"/>
        <source>All services (Down)</source>
        <translation>Todos os serviços (seta para baixo)</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="27"/>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="28"/>
        <source>Price ↑</source>
        <translation>Preço ↑</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="29"/>
        <source>Price ↓</source>
        <translation>Preço ↓</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="49"/>
        <source>New since the previous fetch of the catalogue</source>
        <translation>Novo desde o download anterior do catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/changes.py" line="50"/>
        <source>was {old}, now {new}</source>
        <translation>era {old}, agora {new}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="55"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="56"/>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="57"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="58"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="59"/>
        <source>Rate / 1000</source>
        <translation>Preço / 1000</translation>
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
        <translation>Reposição</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="63"/>
        <source>Cancel</source>
        <translation>Cancelamento</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="64"/>
        <source>Drip-feed</source>
        <translation>Drip-feed</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="67"/>
        <source>The panel&apos;s ID of the service</source>
        <translation>O ID do serviço no painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="68"/>
        <source>What the order form asks for this service (Default, Package, …)</source>
        <translation>O que o formulário de pedido pede para este serviço (Default, Package, …)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="71"/>
        <source>The panel&apos;s price per 1000, or per package for package services</source>
        <translation>O preço do painel por 1000, ou por pacote nos serviços de pacote</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="74"/>
        <source>The smallest quantity the panel accepts</source>
        <translation>A menor quantidade que o painel aceita</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="75"/>
        <source>The largest quantity the panel accepts</source>
        <translation>A maior quantidade que o painel aceita</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="76"/>
        <source>✓: you can ask the panel for a refill</source>
        <translation>✓: você pode solicitar reposição ao painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="77"/>
        <source>✓: you can ask the panel to cancel the order</source>
        <translation>✓: você pode solicitar ao painel o cancelamento do pedido</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="78"/>
        <source>✓: the order can be delivered in runs (drip-feed)</source>
        <translation>✓: o pedido pode ser entregue em execuções (drip-feed)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="81"/>
        <source>Favourites: click a star, or press Ctrl+D</source>
        <translation>Favoritos: clique numa estrela ou pressione Ctrl+D</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="85"/>
        <source>Rate per 1000</source>
        <translation>Preço por 1000</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="86"/>
        <source>Minimum quantity</source>
        <translation>Quantidade mínima</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="87"/>
        <source>Maximum quantity</source>
        <translation>Quantidade máxima</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/columns.py" line="88"/>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="95"/>
        <source>New · {name}</source>
        <translation>Novo · {name}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_model.py" line="97"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="106"/>
        <source>Order this</source>
        <translation>Pedir este</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="111"/>
        <source>Refresh catalogue</source>
        <translation>Atualizar catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="114"/>
        <source>Fetch the panel&apos;s services and prices again (F5)</source>
        <translation>Baixar novamente os serviços e preços do painel (F5)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="121"/>
        <source>Refreshing the catalogue</source>
        <translation>Atualizando o catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="154"/>
        <source>Services</source>
        <translation>Serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="217"/>
        <source>Refreshing the catalogue…</source>
        <translation>Atualizando o catálogo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="297"/>
        <source>Could not refresh the catalogue: {reason}</source>
        <translation>Não foi possível atualizar o catálogo: {reason}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="355"/>
        <source>Show all services</source>
        <translation>Mostrar todos os serviços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="359"/>
        <source>Clear search and filters</source>
        <translation>Limpar pesquisa e filtros</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="417"/>
        <source>Loading catalogue…</source>
        <translation>Carregando catálogo…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="424"/>
        <source>Fetched {time}</source>
        <translation>Baixado em {time}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="438"/>
        <source>1 service · catalogue from cache, fetched {age}</source>
        <translation>1 serviço · catálogo do cache, baixado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="440"/>
        <source>{count} services · catalogue from cache, fetched {age}</source>
        <translation>{count} serviços · catálogo do cache, baixado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="442"/>
        <source>1 service · fetched {age}</source>
        <translation>1 serviço · baixado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="444"/>
        <source>{count} services · fetched {age}</source>
        <translation>{count} serviços · baixado {age}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="451"/>
        <source>Catalogue refreshed</source>
        <translation>Catálogo atualizado</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="453"/>
        <source>Catalogue refreshed: no changes since the last fetch</source>
        <translation>Catálogo atualizado: nenhuma alteração desde o último download</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="454"/>
        <source>Catalogue refreshed: {new} new, {repriced} re-priced, {gone} no longer listed</source>
        <translation>Catálogo atualizado: {new} novos, {repriced} com preço alterado, {gone} fora do catálogo</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="464"/>
        <source>No service matches the search and filters.</source>
        <translation>Nenhum serviço corresponde à pesquisa e aos filtros.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="472"/>
        <source>1 service was skipped: {entries}</source>
        <translation>1 serviço foi ignorado: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="474"/>
        <source>{count} services were skipped: {entries}</source>
        <translation>{count} serviços foram ignorados: {entries}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="482"/>
        <source>… and {count} more</source>
        <translation>… e mais {count}</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/catalogue/services_pane.py" line="484"/>
        <source>The panel&apos;s answer had entries SMMDesk could not read. A skipped service that was cached before keeps its cached details here.</source>
        <translation>A resposta do painel tinha entradas que o SMMDesk não conseguiu ler. Um serviço ignorado que já estava em cache mantém aqui os detalhes do cache.</translation>
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
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="38"/>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="118"/>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="39"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="40"/>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="43"/>
        <source>How many orders of a mass order are sent at once. A batch being placed keeps its number; the next one started or resumed uses the new one.</source>
        <translation>Quantos pedidos de um pedido em massa são enviados de uma vez. Um lote em andamento mantém o número atual; o próximo lote iniciado ou retomado usa o novo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="60"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="121"/>
        <source>Takes effect the next time SMMDesk starts.</source>
        <translation>Passa a valer na próxima vez que o SMMDesk for iniciado.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="125"/>
        <source>Notify me when</source>
        <translation>Notificar quando</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="136"/>
        <source>Price board</source>
        <translation>Quadro de preços</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/settings_dialog.py" line="149"/>
        <source>One currency a line, as CODE=value: what one unit is worth in the currency prices are compared in, for example EUR=1.08. Never looked up online.</source>
        <translation>Uma moeda por linha, como CÓDIGO=valor: quanto vale uma unidade na moeda em que os preços são comparados, por exemplo EUR=1.08. Nunca consultado online.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="65"/>
        <source>Talking to the panel…</source>
        <translation>Comunicando com o painel…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="94"/>
        <source>Refreshing {done} of {total} orders…</source>
        <translation>Atualizando {done} de {total} pedidos…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/window/status_bar.py" line="112"/>
        <source>Updated {time}</source>
        <translation>Atualizado às {time}</translation>
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
    <name>TrackOrdersDialog</name>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="53"/>
        <source>CSV or text files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Arquivos CSV ou de texto (*.csv *.tsv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="56"/>
        <source>Paste the IDs of orders placed on this panel outside SMMDesk — separated by new lines, commas, spaces or tabs — or open a CSV file and pick its ID column. The panel is asked about each; only the IDs it confirms are added, with their status.</source>
        <translation>Cole os IDs dos pedidos feitos neste painel fora do SMMDesk — separados por quebras de linha, vírgulas, espaços ou tabulações — ou abra um arquivo CSV e escolha a coluna de IDs. O painel é consultado sobre cada um; só os IDs que ele confirmar são adicionados, com o status.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="72"/>
        <source>Nothing was pasted: {count} characters is more than a list of order IDs. Paste the ID column only, or open the file.</source>
        <translation>Nada foi colado: {count} caracteres é mais do que uma lista de IDs de pedidos. Cole só a coluna de IDs ou abra o arquivo.</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="87"/>
        <source>Track existing order IDs</source>
        <translation>Acompanhar IDs de pedidos existentes</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="113"/>
        <source>Open CSV file…</source>
        <translation>Abrir arquivo CSV…</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="118"/>
        <source>The column of the file that holds the order IDs</source>
        <translation>A coluna do arquivo que contém os IDs dos pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="138"/>
        <source>Track</source>
        <translation>Acompanhar</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="143"/>
        <source>Copy summary</source>
        <translation>Copiar resumo</translation>
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
        <translation>{count} já acompanhados</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="220"/>
        <source>Open a file of order IDs</source>
        <translation>Abrir um arquivo de IDs de pedidos</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="260"/>
        <source>{file} · column “{column}”</source>
        <translation>{file} · coluna “{column}”</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="273"/>
        <source>Asking the panel</source>
        <translation>Consultando o painel</translation>
    </message>
    <message>
        <location filename="../../smmdesk/ui/orders/track_dialog.py" line="304"/>
        <source>Nothing more was tracked: {problem}</source>
        <translation>Nada mais foi acompanhado: {problem}</translation>
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
