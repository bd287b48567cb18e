-- Drives the obsconf server through Neovim's built-in LSP client, after the README's configuration
-- (loaded first). Once Neovim has started with the file named on its command line open (so
-- filetype detection has run), waits for the diagnostics named in OBSCONF_NVIM_EXPECT,
-- then edits the buffer (OBSCONF_NVIM_EDIT_FROM -> OBSCONF_NVIM_EDIT_TO on the first line that
-- holds it) and waits for OBSCONF_NVIM_GONE to disappear. Writes what it saw to
-- OBSCONF_NVIM_RESULT as JSON and quits. Every wait has a timeout; nothing sleeps a fixed time.
local env = vim.env
local timeout = tonumber(env.OBSCONF_NVIM_TIMEOUT_MS or '20000')
local result = { clients = {}, before = {}, after = {}, waited_before = false, waited_after = false }

local function snapshot(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, { line = d.lnum + 1, col = d.col + 1, code = d.code, source = d.source, severity = d.severity, message = d.message })
  end
  return out
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

local function finish()
  local file = io.open(env.OBSCONF_NVIM_RESULT, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd('qall!')
end

local function drive()
  local buf = vim.api.nvim_get_current_buf()
  local expect = vim.split(env.OBSCONF_NVIM_EXPECT, ',', { trimempty = true })
  result.waited_before = vim.wait(timeout, function()
    for _, code in ipairs(expect) do
      if not has_code(buf, code) then return false end
    end
    return true
  end, 20)
  result.before = snapshot(buf)
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    table.insert(result.clients, client.name)
  end

  -- An edit that is never saved: the server sees it through didChange.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    local from = line:find(env.OBSCONF_NVIM_EDIT_FROM, 1, true)
    if from then
      local edited = line:sub(1, from - 1) .. env.OBSCONF_NVIM_EDIT_TO .. line:sub(from + #env.OBSCONF_NVIM_EDIT_FROM)
      vim.api.nvim_buf_set_lines(buf, i - 1, i, false, { edited })
      break
    end
  end
  result.waited_after = vim.wait(timeout, function() return not has_code(buf, env.OBSCONF_NVIM_GONE) end, 20)
  result.after = snapshot(buf)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(drive)
    if not ok then result.error = tostring(err) end
    finish()
  end,
})
