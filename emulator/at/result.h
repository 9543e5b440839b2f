#pragma once

#include <span>
#include <string>
#include <string_view>

namespace cellemu::at {

// V.250 result codes with their ATV0 numbers.
enum class ResultCode {
  Ok = 0,
  Connect = 1,
  Ring = 2,
  NoCarrier = 3,
  Error = 4,
  NoDialtone = 6,
  Busy = 7,
  NoAnswer = 8
};

std::string_view verbose_text(ResultCode code);

// +CME ERROR numbers of 27.007 §9.2 that the shared commands report (spec v250 §3.1). The set is
// open: a model names its own numbers as CmeError{n} (Luat's 65535, air780ep_errors.h).
enum class CmeError : int {
  OperationNotAllowed = 3,
  SimNotInserted = 10,
  SimPinRequired = 11,
  SimPukRequired = 12,
  IncorrectPassword = 16,
  NoNetworkService = 30,
};

// One row of a module's error table: a number it reports and the text AT+CMEE=2 shows for it.
// The texts are the module's own (27.007 leaves verbose texts to the manufacturer).
struct CmeText {
  CmeError error;
  std::string_view text;
};
using CmeTexts = std::span<const CmeText>;

// The text `table` gives `error`; empty when it has none.
std::string_view cme_text(CmeTexts table, CmeError error);

// One row of a module's +CMS ERROR table (27.005 §3.2.5 <err>), shown under AT+CMEE=2.
struct CmsText {
  int code;
  std::string_view text;
};
using CmsTexts = std::span<const CmsText>;
std::string_view cms_text(CmsTexts table, int code);

// How +CMS ERROR is rendered: the model's texts, and whether CMEE=1 shows the text too (the
// V1011 quirk, spec services OQ-S3).
struct CmsStyle {
  CmsTexts texts;
  bool text_under_cmee1 = false;
};

// The final line of a command's response. Text finals are vendor result lines such as
// "SHUT OK" or "0, CLOSE OK"; None means the command ends without one (AT+CIFSR).
class Final {
 public:
  enum class Kind { Code, Cme, Cms, Text, None };

  static Final ok() { return Final(Kind::Code, ResultCode::Ok); }
  static Final error() { return Final(Kind::Code, ResultCode::Error); }
  static Final code(ResultCode c) { return Final(Kind::Code, c); }
  static Final cme(CmeError e) {
    Final f(Kind::Cme, ResultCode::Error);
    f.cme_ = e;
    return f;
  }
  // +CMS ERROR: <n> of the 27.005 commands, rendered per CMEE like +CME ERROR.
  static Final cms(int n) {
    Final f(Kind::Cms, ResultCode::Error);
    f.cms_ = n;
    return f;
  }
  static Final text(std::string t) {
    Final f(Kind::Text, ResultCode::Ok);
    f.text_ = std::move(t);
    return f;
  }
  static Final none() { return Final(Kind::None, ResultCode::Ok); }

  Kind kind() const { return kind_; }
  ResultCode code() const { return code_; }
  CmeError cme_error() const { return cme_; }
  int cms_error() const { return cms_; }
  const std::string& text() const { return text_; }
  // Errors abort the rest of a concatenated command line.
  bool is_error() const {
    return kind_ == Kind::Cme || kind_ == Kind::Cms ||
           (kind_ == Kind::Code && code_ == ResultCode::Error);
  }

 private:
  Final(Kind k, ResultCode c) : kind_(k), code_(c) {}
  Kind kind_;
  ResultCode code_;
  CmeError cme_{};
  int cms_ = 0;
  std::string text_;
};

}  // namespace cellemu::at
