-- Drives Neovim's built-in LSP client (0.7) against the Graph Fixtures language server, the way
-- a Neovim user's configuration would, and writes what the client saw to a JSON file for the
-- Node harness (test/e2e/neovim.e2e.mjs) to check. Run with:
--   GRAPH_FIXTURES_NVIM_CONFIG=<config.json> nvim --headless -u NONE -i NONE -n -c 'luafile lspProbe.lua'
-- The config names the server command, the workspace root, the settings, the file to open and
-- the positions of the requests. The script always quits: 0 when it could write its report.

local config_path = assert(os.getenv('GRAPH_FIXTURES_NVIM_CONFIG'), 'GRAPH_FIXTURES_NVIM_CONFIG')

local function read_json(path)
	local file = assert(io.open(path, 'r'))
	local text = file:read('*a')
	file:close()
	return vim.fn.json_decode(text)
end

local function write_json(path, value)
	local file = assert(io.open(path, 'w'))
	file:write(vim.fn.json_encode(value))
	file:close()
end

local config = read_json(config_path)
local report = { steps = {} }

-- Keep the diagnostics exactly as the server sent them (UTF-16 ranges, codes, sources): the
-- ones vim.diagnostic.get returns are already converted to byte columns.
local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, handler_config)
	if params and #params.diagnostics > 0 then
		published = params
	end
	return default_handler(err, params, ctx, handler_config)
end

local function start_client()
	return vim.lsp.start_client({
		name = 'graph-fixtures',
		cmd = config.cmd,
		root_dir = config.root,
		-- Neovim answers workspace/configuration from `settings`; initializationOptions carry the
		-- same object flat for servers that read them first.
		settings = { graphFixtures = config.settings },
		init_options = config.settings,
		on_exit = function(code, signal)
			report.serverExit = { code = code, signal = signal }
		end,
	})
end

local function open_file(client_id)
	vim.cmd('edit ' .. vim.fn.fnameescape(config.file))
	local bufnr = vim.api.nvim_get_current_buf()
	-- With -u NONE there is no filetype detection, and the client sends the filetype as the
	-- document's languageId, which the server uses to choose JSON or JSONC.
	vim.bo[bufnr].filetype = 'json'
	vim.lsp.buf_attach_client(bufnr, client_id)
	return bufnr
end

local function request(bufnr, client_id, method, params)
	local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, config.timeoutMs)
	if not responses then
		return { error = err or 'no response' }
	end
	local response = responses[client_id] or {}
	return { result = response.result, error = response.error }
end

local function diagnostic_at(code, position)
	for _, diagnostic in ipairs(published.diagnostics or {}) do
		local start = diagnostic.range.start
		if diagnostic.code == code and start.line == position.line
			and start.character == position.character then
			return diagnostic
		end
	end
	return nil
end

local function probe()
	local client_id = assert(start_client(), 'the language client did not start')
	local bufnr = open_file(client_id)
	local has_diagnostics = vim.wait(config.timeoutMs, function()
		return published.diagnostics ~= nil
	end, 50)
	report.steps.diagnostics = has_diagnostics
	report.uri = published.uri or vim.uri_from_bufnr(bufnr)
	report.diagnostics = published.diagnostics or {}
	local document = { uri = vim.uri_from_bufnr(bufnr) }
	report.completion = request(bufnr, client_id, 'textDocument/completion', {
		textDocument = document,
		position = config.completionAt,
	})
	report.hover = request(bufnr, client_id, 'textDocument/hover', {
		textDocument = document,
		position = config.hoverAt,
	})
	local fixable = diagnostic_at(config.quickFix.code, config.quickFix.at)
	if fixable then
		report.codeActions = request(bufnr, client_id, 'textDocument/codeAction', {
			textDocument = document,
			range = fixable.range,
			context = { diagnostics = { fixable } },
		})
	end
	vim.lsp.stop_client(client_id)
end

local ok, failure = pcall(probe)
if not ok then
	report.error = tostring(failure)
end
write_json(config.out, report)
vim.cmd('qa!')
