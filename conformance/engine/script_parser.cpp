#include "conformance/engine/script_parser.h"

#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "conformance/engine/text_number.h"

namespace ts::conformance {

namespace {

struct Token {
  std::string text;  // raw, quotes included
  int column = 0;    // 1-based
};

struct LineError {
  int column = 0;
  std::string message;
};

// Splits one line into whitespace-separated tokens; quoted strings may contain spaces and
// '#'. Stops at a '#' outside quotes. An unterminated quote is an error.
std::optional<LineError> tokenize(std::string_view line, std::vector<Token>& out) {
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    Token t;
    t.column = static_cast<int>(i) + 1;
    bool quoted = false;
    while (i < line.size()) {
      const char ch = line[i];
      if (!quoted && (ch == ' ' || ch == '\t' || ch == '\r')) break;
      if (!quoted && ch == '#') break;
      if (ch == '"') quoted = !quoted;
      if (quoted && ch == '\\' && i + 1 < line.size()) {
        t.text.push_back(ch);
        ++i;
      }
      t.text.push_back(line[i]);
      ++i;
    }
    if (quoted) return LineError{t.column, "unterminated quoted string"};
    out.push_back(std::move(t));
  }
  return std::nullopt;
}

std::optional<double> parse_seconds(std::string_view s) {
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.')) return std::nullopt;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  char* end = nullptr;
  const std::string copy(s);
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return v;
}

bool looks_like_time(std::string_view s) {
  return !s.empty() && (s[0] == '+' || std::isdigit(static_cast<unsigned char>(s[0])));
}

std::optional<TimeSpec> parse_time(std::string_view s) {
  TimeSpec t;
  if (!s.empty() && s[0] == '+') {
    t.relative = true;
    s.remove_prefix(1);
  }
  const auto tilde = s.find('~');
  const auto lo = parse_seconds(s.substr(0, tilde));
  if (!lo) return std::nullopt;
  t.lo = t.hi = *lo;
  if (tilde != std::string_view::npos) {
    auto hi_text = s.substr(tilde + 1);
    if (!hi_text.empty() && hi_text[0] == '+') hi_text.remove_prefix(1);  // "+0~+2" reads as "+0~2"
    const auto hi = parse_seconds(hi_text);
    if (!hi) return std::nullopt;
    t.hi = *hi;
    t.window = true;
  }
  return t;
}

bool valid_key(std::string_view k) {
  if (k.empty() || !(std::isalpha(static_cast<unsigned char>(k[0])) || k[0] == '_')) return false;
  for (char c : k)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

std::optional<LineError> parse_value(const Token& tok, std::string_view v, int column, FieldValue& out) {
  if (v.empty()) return LineError{column, "empty value in '" + tok.text + "'"};
  if (v.front() == '"') {
    if (v.size() < 2 || v.back() != '"') return LineError{column, "a quoted value must end with '\"'"};
    out.kind = FieldValue::Kind::string;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) ++i;
      out.text.push_back(v[i]);
    }
    return std::nullopt;
  }
  if (v == "*") {
    out.kind = FieldValue::Kind::wildcard;
    return std::nullopt;
  }
  if (v.front() == '$') {
    if (!valid_key(v.substr(1))) return LineError{column, "bad variable name '" + std::string(v) + "'"};
    out.kind = FieldValue::Kind::variable;
    out.text = std::string(v.substr(1));
    return std::nullopt;
  }
  // Dotted numbers (a protocol version "1.0", an address "10.0.0.1") are words.
  if (std::isdigit(static_cast<unsigned char>(v.front())) && v.find('.') != std::string_view::npos &&
      v.find_first_not_of("0123456789.") == std::string_view::npos) {
    out.kind = FieldValue::Kind::word;
    out.text = std::string(v);
    return std::nullopt;
  }
  if (std::isdigit(static_cast<unsigned char>(v.front()))) {
    const auto n = parse_number(v);
    if (!n) return LineError{column, "bad number '" + std::string(v) + "'"};
    out.number = *n;
    out.kind = FieldValue::Kind::number;
    out.text = std::string(v);
    return std::nullopt;
  }
  out.kind = FieldValue::Kind::word;
  out.text = std::string(v);
  return std::nullopt;
}

std::optional<LineError> parse_field(const Token& tok, StepKind kind, Field& out) {
  std::string_view t = tok.text;
  int column = tok.column;
  if (!t.empty() && t[0] == '!') {
    if (kind != StepKind::send) return LineError{column, "'!' (a deliberate violation) only on a send"};
    out.deliberate = true;
    t.remove_prefix(1);
    ++column;
  }
  const auto eq = t.find('=');
  if (eq == std::string_view::npos) return LineError{column, "expected KEY=VALUE, got '" + tok.text + "'"};
  out.key = std::string(t.substr(0, eq));
  if (!valid_key(out.key)) return LineError{column, "bad field name '" + out.key + "'"};
  if (auto e = parse_value(tok, t.substr(eq + 1), column + static_cast<int>(eq) + 1, out.value)) return e;
  if (kind == StepKind::send && out.value.kind == FieldValue::Kind::wildcard)
    return LineError{column, "'*' (any value) only in an expectation"};
  return std::nullopt;
}

bool positive_integer(const std::string& s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return std::stoi(s) > 0;
}

// Directive names and their argument checks.
std::optional<LineError> check_directive(const Step& s, int column) {
  const auto& a = s.args;
  auto need = [&](bool ok, const char* usage) -> std::optional<LineError> {
    if (ok) return std::nullopt;
    return LineError{column, fmt::format("usage: {}", usage)};
  };
  if (s.name == "wait") return need(a.size() == 1 && parse_seconds(a[0]) && *parse_seconds(a[0]) > 0, "wait SECONDS");
  if (s.name == "drop-next") return need((a.size() == 1 || a.size() == 2) && positive_integer(a[0]), "drop-next N [KIND]");
  if (s.name == "delay-next")
    return need((a.size() == 2 || a.size() == 3) && positive_integer(a[0]) && positive_integer(a[1]),
                "delay-next N MILLISECONDS [KIND]");
  if (s.name == "duplicate-next")
    return need((a.size() == 1 || a.size() == 2) && positive_integer(a[0]), "duplicate-next N [KIND]");
  if (s.name == "reorder-next")
    return need((a.size() == 1 || a.size() == 2) && positive_integer(a[0]), "reorder-next N [KIND]");
  if (s.name == "assert") return need(a.size() == 2, "assert ENTITY STATE");
  if (s.name == "command") return need(!a.empty(), "command NAME [KEY=VALUE...]");
  return LineError{column, "unknown directive '" + s.name + "'"};
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : text_(text), file_(file) { script_.file = file; }

  Result<Script> run() {
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text_.size()) {
      const auto nl = text_.find('\n', pos);
      const auto line = text_.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      ++line_no;
      if (auto e = parse_line(line, line_no)) return error(line_no, e->column, e->message);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    if (script_.checks.empty()) return error(1, 1, "no 'check ID' line: a script must name the checks it decides");
    if (script_.device.empty()) return error(1, 1, "no 'device ROLE' line");
    return std::move(script_);
  }

 private:
  Error error(int line, int column, const std::string& message) const {
    return Error{fmt::format("{}:{}:{}: {}", file_, line, column, message)};
  }

  std::optional<LineError> parse_line(std::string_view line, int line_no) {
    std::vector<Token> toks;
    if (auto e = tokenize(line, toks)) return e;
    if (toks.empty()) return std::nullopt;
    const bool indented = toks[0].column > 1;
    std::size_t i = 0;
    if (!indented && (toks[0].text == "check" || toks[0].text == "device" || toks[0].text == "requires"))
      return header(toks);
    Step step;
    step.line = line_no;
    if (!indented) {
      if (!looks_like_time(toks[0].text))
        return LineError{toks[0].column, "a step starts with a TIME or with whitespace; got '" + toks[0].text + "'"};
      step.time = parse_time(toks[0].text);
      if (!step.time) return LineError{toks[0].column, "bad time '" + toks[0].text + "'"};
      if (step.time->hi < step.time->lo) return LineError{toks[0].column, "window ends before it starts"};
      if (!step.time->relative) {
        if (step.time->lo < last_absolute_) return LineError{toks[0].column, "time runs backwards"};
        last_absolute_ = step.time->lo;
      }
      ++i;
    }
    if (i >= toks.size()) return LineError{toks[0].column, "a time with nothing to do"};
    const Token& head = toks[i];
    if (head.text == ">" || head.text == "<" || head.text == "!<") {
      step.kind = head.text == ">"   ? StepKind::send
                  : head.text == "<" ? StepKind::expect
                                     : StepKind::expect_none;
      if (++i >= toks.size()) return LineError{head.column, "message name missing"};
      step.name = toks[i].text;
      if (!valid_key(step.name)) return LineError{toks[i].column, "bad message name '" + step.name + "'"};
      for (++i; i < toks.size(); ++i) {
        Field f;
        if (auto e = parse_field(toks[i], step.kind, f)) return e;
        step.fields.push_back(std::move(f));
      }
      if (step.kind == StepKind::send && step.time && step.time->window)
        return LineError{toks[0].column, "a send happens at one time: no window"};
    } else {
      step.kind = StepKind::directive;
      step.name = head.text;
      for (++i; i < toks.size(); ++i) step.args.push_back(toks[i].text);
      if (step.time && step.time->window) return LineError{toks[0].column, "a directive happens at one time: no window"};
      if (auto e = check_directive(step, head.column)) return e;
    }
    script_.steps.push_back(std::move(step));
    return std::nullopt;
  }

  std::optional<LineError> header(const std::vector<Token>& toks) {
    const std::string& kw = toks[0].text;
    if (!script_.steps.empty()) return LineError{1, "'" + kw + "' must come before the first step"};
    if (toks.size() < 2) return LineError{toks[0].column, "'" + kw + "' needs a value"};
    if (kw == "check") {
      for (std::size_t i = 1; i < toks.size(); ++i) {
        if (!valid_key(toks[i].text)) return LineError{toks[i].column, "bad check id '" + toks[i].text + "'"};
        script_.checks.push_back(toks[i].text);
      }
    } else if (kw == "device") {
      if (!script_.device.empty()) return LineError{toks[0].column, "a script has one device"};
      if (toks.size() != 2 || !valid_key(toks[1].text)) return LineError{toks[1].column, "usage: device ROLE"};
      script_.device = toks[1].text;
    } else {
      for (std::size_t i = 1; i < toks.size(); ++i) script_.requires_features.push_back(toks[i].text);
    }
    return std::nullopt;
  }

  std::string_view text_;
  std::string file_;
  Script script_;
  double last_absolute_ = 0.0;
};

}  // namespace

Result<Script> parse_script(std::string_view text, const std::string& file) { return Parser(text, file).run(); }

}  // namespace ts::conformance
