-- Drives `medlint lsp` with Neovim's built-in LSP client, headless. Run by
-- internal/lsp/clients_test.go:
--
--   MEDLINT=... MEDLINT_DOC=... MEDLINT_OUT=... MEDLINT_NOW=... \
--     nvim --headless -u NONE -i NONE -n -c 'luafile client.lua'
--
-- It opens a copy of the seed article, waits for medlint's diagnostics,
-- asks for the quick fix of a list-format finding and applies it, checks
-- the buffer, then applies "Fix all medlint problems" and writes the
-- buffer to MEDLINT_OUT for the test to compare with `medlint check
-- --fix`. Neovim 0.7 (Debian 12) has vim.lsp.start_client and
-- buf_attach_client; newer versions vim.lsp.start, used when present.
-- Any failure quits with exit code 1 and the reason on standard error.

local medlint = os.getenv('MEDLINT')
local doc = os.getenv('MEDLINT_DOC')
local out = os.getenv('MEDLINT_OUT')
local now = os.getenv('MEDLINT_NOW')

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'medlint',
    cmd = { medlint, 'lsp' },
    root_dir = vim.fn.fnamemodify(doc, ':h'),
    init_options = { now = now },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  check(client_id, 'the client did not start')

  local function medlint_diagnostics()
    local res = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == 'medlint' then
        table.insert(res, d)
      end
    end
    return res
  end
  local function count(rule)
    local n = 0
    for _, d in ipairs(medlint_diagnostics()) do
      if d.code == rule or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == rule) then
        n = n + 1
      end
    end
    return n
  end

  check(vim.wait(30000, function() return #medlint_diagnostics() > 0 end, 20), 'no diagnostics from medlint')
  local total, bullets = #medlint_diagnostics(), count('list-format')
  check(bullets > 0, 'no list-format diagnostic')

  -- The list-format finding's range back in UTF-16 (Neovim keeps byte
  -- columns).
  local function utf16(lnum, col)
    local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
    local _, units = vim.str_utfindex(line, math.min(col, #line))
    return units
  end
  local target
  for _, d in ipairs(medlint_diagnostics()) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'list-format' then
      target = { range = {
        start = { line = d.lnum, character = utf16(d.lnum, d.col) },
        ['end'] = { line = d.end_lnum, character = utf16(d.end_lnum, d.end_col) },
      } }
      break
    end
  end
  check(target, 'no list-format diagnostic')
  local line_before = vim.api.nvim_buf_get_lines(bufnr, target.range.start.line, target.range.start.line + 1, false)[1]
  check(line_before:find('^%s*•'), 'the list-format line does not start with a bullet: ' .. line_before)

  local function actions(range, only)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = range,
      context = { diagnostics = {}, only = only },
    }
    local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000)
    check(res and res[client_id] and res[client_id].result, 'no code action answer: ' .. vim.inspect(res))
    return res[client_id].result
  end

  local quick
  for _, a in ipairs(actions(target.range, { 'quickfix' })) do
    if a.isPreferred then
      quick = a
    end
  end
  check(quick and quick.edit, 'no quick fix')
  vim.lsp.util.apply_workspace_edit(quick.edit, 'utf-16')
  local line_after = vim.api.nvim_buf_get_lines(bufnr, target.range.start.line, target.range.start.line + 1, false)[1]
  check(line_after:find('^%s*%- '), 'the quick fix did not make a list item: ' .. line_after)
  check(vim.wait(30000, function() return count('list-format') == bullets - 1 and #medlint_diagnostics() == total - 1 end, 20),
    'the diagnostics did not follow the quick fix: ' .. count('list-format') .. ' list-format left of ' .. bullets)

  local all = actions({ start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } }, { 'source.fixAll.medlint' })
  check(#all == 1 and all[1].kind == 'source.fixAll.medlint', 'fix all: ' .. vim.inspect(all))
  vim.lsp.util.apply_workspace_edit(all[1].edit, 'utf-16')
  check(vim.wait(30000, function() return count('list-format') == 0 end, 20), 'list-format findings left after fix all')

  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local f = assert(io.open(out, 'wb'))
  f:write(table.concat(lines, '\n') .. '\n')
  f:close()
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then
  fail(tostring(err))
end
vim.cmd('qall!')
