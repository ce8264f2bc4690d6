-- Text for the document (a module for require, not a plugin: files starting
-- with "_" are never loaded as plugins).
--
-- method.md, "Display": amounts in whole currency units rounded half away
-- from zero (waymark.money), days with one decimal.  Percentages have no
-- decimals except below 1% and above 99%, so that a share that is not all
-- or nothing never reads as 0% or 100%.  Every helper answers a dash for a
-- missing value: the document never shows "nil", "NaN" or an empty cell.

local M = {}

M.DASH = "—"

local function finite(x)
  return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge
end
M.finite = finite

-- A number that may be missing: x, or 0.
function M.num(x)
  return finite(x) and x or 0
end

-- Text that may be missing or empty.
function M.text(s)
  if type(s) == "number" then return tostring(s) end
  if type(s) ~= "string" or s == "" then return M.DASH end
  return s
end

-- Text cut to at most `max` characters, at a space where one is near the
-- end, with an ellipsis: for the one-page summary, where a very long title
-- must not push the page over.
function M.short(s, max)
  s = M.text(s)
  local n = utf8.len(s)
  if not n or n <= max then return s end
  local cut = s:sub(1, utf8.offset(s, max) - 1)
  local at_space = cut:match("^(.*%S)%s+%S*$")
  if at_space and utf8.len(at_space) >= max * 2 // 3 then cut = at_space end
  return cut:gsub("[%s,;:.]+$", "") .. "…"
end

-- "1234567" -> "1,234,567" (the integer part only).
local function group(digits)
  if #digits <= 3 then return digits end
  local head = #digits % 3
  local parts = {}
  if head > 0 then parts[1] = digits:sub(1, head) end
  for i = head + 1, #digits, 3 do parts[#parts + 1] = digits:sub(i, i + 2) end
  return table.concat(parts, ",")
end

-- x with `decimals` places (default 0), rounded half away from zero and
-- grouped in thousands; never "-0".
local FORMATS = {}
for d = 0, 9 do FORMATS[d] = "%." .. d .. "f" end

function M.number(x, decimals)
  if not finite(x) then return M.DASH end
  decimals = decimals or 0
  local r = waymark.round(x, decimals)
  if r == 0 then r = 0.0 end
  local s = string.format(FORMATS[decimals] or ("%." .. decimals .. "f"), math.abs(r))
  local int, frac = s:match("^(%d+)(.*)$")
  return (r < 0 and "-" or "") .. group(int) .. frac
end

-- A count: 1,000.
function M.count(n)
  return M.number(n, 0)
end

-- A count in running text: one to ten in words, larger counts as numerals.
local WORDS = { [0] = "no", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten" }
function M.words(n)
  if math.type(n) == "float" and n == math.floor(n) then n = math.tointeger(n) end
  return WORDS[n] or M.count(n)
end

-- For counts listed together ("two high and one low"): words, unless one of
-- them is above ten, then numerals for all ("197 ..., 8 ...").
function M.counter(counts)
  for _, n in ipairs(counts) do
    if n > 10 then return M.count end
  end
  return M.words
end

-- "one initiative", "3 initiatives" in tables; `words` spells small counts.
function M.plural(n, one, many, words)
  return (words and M.words(n) or M.count(n)) .. " " .. (n == 1 and one or (many or one .. "s"))
end

-- The same in running text: "one initiative", "six initiatives", "25 initiatives".
function M.nplural(n, one, many)
  return M.plural(n, one, many, true)
end

-- Person-days, one decimal.
function M.days(x)
  return M.number(x, 1)
end

-- A capacity: whole days as "240", otherwise one decimal.
function M.capacity(x)
  if not finite(x) then return M.DASH end
  local r = waymark.round(x, 1)
  if r == math.floor(r) then return M.number(r, 0) end
  return M.number(r, 1)
end

function M.money(x)
  if not finite(x) then return M.DASH end
  return waymark.money(x)
end

-- An amount without its sign: how far over or under ("£18,762 over").
function M.money_abs(x)
  if not finite(x) then return M.DASH end
  return waymark.money(math.abs(x))
end

-- A fraction (0..1) as a percentage.
function M.pct(f)
  if not finite(f) then return M.DASH end
  local x = f * 100
  -- Within floating-point noise of none or all: exactly that.
  if x < 1e-7 then return "0%" end
  if math.abs(x - 100) < 1e-7 then return "100%" end
  if x < 1 then
    if x < 0.05 then return "under 0.1%" end
    return M.number(x, 1) .. "%"
  end
  if x > 99 and x < 100 then
    return string.format("%.1f", math.floor(x * 10) / 10) .. "%"
  end
  return M.number(x, 0) .. "%"
end

-- A rate given as a fraction, such as a contingency of 0.15: "15%", "12.5%".
function M.rate(f)
  if not finite(f) then return M.DASH end
  local x = waymark.round(f * 100, 2)
  if x == math.floor(x) then return M.number(x, 0) .. "%" end
  return (string.format("%.2f", x):gsub("0$", "")) .. "%"
end

-- A score to three significant digits, at most six decimals: 1.10, 0.0723,
-- 41.0; from 100 up, whole numbers: 12,346.
function M.score(x)
  if not finite(x) then return M.DASH end
  if x == 0 then return "0" end
  if math.abs(x) >= 99.95 then return M.number(x, 0) end
  local r = waymark.round_sig(x, 3)
  local mag = math.floor(math.log(math.abs(r), 10))
  local decimals = math.max(0, math.min(6, 2 - mag))
  return M.number(r, decimals)
end

-- A maturity score (0..5): one decimal.
function M.level(x)
  return M.number(x, 1)
end

-- "2027-Q1" -> "Q1 2027"; anything else as it is.
function M.quarter(q)
  if type(q) ~= "string" then return M.DASH end
  local y, n = q:match("^(%d%d%d%d)%-Q([1-4])$")
  if not y then return q end
  return "Q" .. n .. " " .. y
end

-- A span of quarters: "Q3 2027", "Q1–Q3 2027", "Q4 2027 – Q2 2028".
function M.quarters(s, e)
  if type(s) ~= "string" then return M.DASH end
  if type(e) ~= "string" or e == s then return M.quarter(s) end
  local ys, ns = s:match("^(%d%d%d%d)%-Q([1-4])$")
  local ye, ne = e:match("^(%d%d%d%d)%-Q([1-4])$")
  if ys and ys == ye then return "Q" .. ns .. "–Q" .. ne .. " " .. ys end
  return M.quarter(s) .. " – " .. M.quarter(e)
end

-- "from Q1 2027 to Q4 2028" style, for sentences.
function M.quarters_words(s, e)
  if type(e) ~= "string" or e == s then return M.quarter(s) end
  return M.quarter(s) .. " to " .. M.quarter(e)
end

local TIERS = { must = "Must", should = "Should", could = "Could", wont = "Won't" }
function M.tier(t)
  return TIERS[t] or M.text(t)
end

local BANDS = { low = "Low", medium = "Medium", high = "High", critical = "Critical" }
function M.band(b)
  return BANDS[b] or M.text(b)
end

-- Upper-case the first letter (ASCII letters only; other text as it is).
function M.capital(s)
  if type(s) ~= "string" then return M.DASH end
  return (s:gsub("^%l", string.upper))
end

-- A role or area as a reader would write it: "si_partner" -> "SI partner",
-- "data" -> "Data".  Words that are known abbreviations are upper-cased.
local ABBREVIATIONS = {
  ai = true, api = true, ba = true, bi = true, cio = true, ciso = true, cto = true, cx = true,
  dba = true, hr = true, it = true, ml = true, pm = true, po = true, qa = true, si = true,
  sre = true, ui = true, ux = true,
}
function M.label(name)
  if type(name) ~= "string" or name == "" then return M.DASH end
  local words = {}
  for w in name:gsub("[_%-]", " "):gmatch("%S+") do
    if ABBREVIATIONS[w:lower()] then w = w:upper() end
    words[#words + 1] = w
  end
  if #words == 0 then return name end
  return M.capital(table.concat(words, " "))
end

-- Every one of n things, as a sentence starts: "The objective", "Both
-- objectives", "All six objectives".
function M.all_of(n, one, many)
  many = many or one .. "s"
  if n == 1 then return "The " .. one end
  if n == 2 then return "Both " .. many end
  return "All " .. M.words(n) .. " " .. many
end

-- "a", "a and b", "a, b and c".
function M.join_and(items)
  local n = #items
  if n == 0 then return "" end
  if n == 1 then return items[1] end
  return table.concat(items, ", ", 1, n - 1) .. " and " .. items[n]
end

-- A SHA-256 in groups of eight, so that it can wrap in a narrow column.
function M.hex(s)
  if type(s) ~= "string" or s == "" then return M.DASH end
  local groups = {}
  for i = 1, #s, 8 do groups[#groups + 1] = s:sub(i, i + 7) end
  return table.concat(groups, " ")
end

-- Whole-unit parts that add up to their rounded total (method.md, "Display"):
-- waymark.round_parts.  Beyond the 20,000 parts it takes, each part is
-- rounded on its own and the total is their sum, so the column still adds up.
function M.round_parts(values)
  if #values <= 20000 then return waymark.round_parts(values) end
  local parts, total = {}, 0
  for i, v in ipairs(values) do
    parts[i] = waymark.round(v)
    total = total + parts[i]
  end
  return parts, total
end

-- Whole units for a grid of amounts (`grid`: rows of `ncols` numbers),
-- rounded on both axes at once (controlled rounding): each row's total is
-- its sum rounded by largest remainder against the grand total, each
-- column's likewise, and each cell is its amount rounded down or up so that
-- every row and every column adds up exactly to its shown total.  A cell is
-- within one unit of its amount.  Returns the cells (rows of numbers), the
-- row totals, the column totals and the grand total.
function M.round_grid(grid, ncols)
  local row_sums, col_sums = {}, {}
  for j = 1, ncols do col_sums[j] = 0 end
  for i, row in ipairs(grid) do
    local sum = 0
    for j = 1, ncols do
      sum = sum + row[j]
      col_sums[j] = col_sums[j] + row[j]
    end
    row_sums[i] = sum
  end
  local rows, grand = M.round_parts(row_sums)
  local cols, col_total = M.round_parts(col_sums)
  if col_total ~= grand and ncols > 0 then -- the two sums met a half in different orders
    local k = 1
    for j = 2, ncols do if cols[j] > cols[k] then k = j end end
    cols[k] = cols[k] + grand - col_total
  end
  local cells, need_row, need_col, extra = {}, {}, {}, {}
  for j = 1, ncols do need_col[j] = cols[j] end
  for i, row in ipairs(grid) do
    cells[i], need_row[i] = {}, rows[i]
    for j = 1, ncols do
      local down = math.floor(row[j])
      cells[i][j] = down
      need_row[i] = need_row[i] - down
      need_col[j] = need_col[j] - down
      if row[j] > down then extra[#extra + 1] = { i = i, j = j, frac = row[j] - down } end
    end
  end
  -- Round up the largest remainders first, where both the row and the
  -- column still need a unit; then settle what is left anywhere it fits.
  table.sort(extra, function(a, b)
    if a.frac ~= b.frac then return a.frac > b.frac end
    if a.i ~= b.i then return a.i < b.i end
    return a.j < b.j
  end)
  for _, e in ipairs(extra) do
    if need_row[e.i] > 0 and need_col[e.j] > 0 then
      cells[e.i][e.j] = cells[e.i][e.j] + 1
      need_row[e.i], need_col[e.j] = need_row[e.i] - 1, need_col[e.j] - 1
    end
  end
  for i = 1, #grid do
    for j = 1, ncols do
      local n = math.min(need_row[i], need_col[j])
      if n > 0 then
        cells[i][j] = cells[i][j] + n
        need_row[i], need_col[j] = need_row[i] - n, need_col[j] - n
      end
    end
  end
  return cells, rows, cols, grand
end

-- A table column: title, alignment, and an optional width weight.
function M.col(title, align, width)
  return { title = title, align = align or "left", width = width }
end

return M
