// The parts of a DOCX that say how text looks without being text: styles
// (what is bold, italic, in capitals, centred, a heading, numbered) and
// numbering definitions (Word's automatic "1.", "a)", "-" labels, which the
// reader writes out so the recogniser sees what a reader of the page sees).
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "import/source.hpp"
#include "import/xmlpart.hpp"

namespace vb::imp {

struct RunProps {
  std::optional<bool> bold, italic, caps, hidden;
  // Fills what `this` leaves unset from `base`.
  void inherit(const RunProps &base);
};
RunProps run_props(const xmlNode *rPr);

struct NumRef {
  int num = 0, level = 0;
};

class StyleSheet {
public:
  void read(const xmlNode *styles_root);

  // Effective properties of a paragraph style and a character style,
  // following basedOn (document defaults last).
  RunProps para_runs(const std::string &id) const;
  RunProps char_runs(const std::string &id) const;
  std::optional<Align> align(const std::string &id) const;
  std::optional<NumRef> numbering(const std::string &id) const;
  bool table_borders(const std::string &id, bool &known) const;
  Role role(const std::string &id) const;
  const std::string &default_para() const { return default_para_; }

private:
  struct Style {
    std::string name, based_on;
    RunProps runs;
    std::optional<Align> align;
    std::optional<NumRef> num;
    std::optional<bool> borders;
    int outline = -1;
  };
  const Style *find(const std::string &id) const;
  std::map<std::string, Style> styles_;
  RunProps defaults_;
  std::string default_para_;
};

std::optional<Align> align_value(const xmlNode *pPr);

// Counters of Word's automatic numbering, advanced paragraph by paragraph.
class Numbering {
public:
  void read(const xmlNode *numbering_root);
  // The label the next paragraph of list `r` shows ("1.", "a)", "-", "+"),
  // advancing the counters; empty when there is none. `bold` reports the
  // level's own bold setting when it has one.
  std::string next(const NumRef &r, std::optional<bool> &bold);

private:
  struct Level {
    std::string fmt = "decimal", text = "%1.";
    int start = 1;
    std::optional<bool> bold;
  };
  struct Abstract {
    std::map<int, Level> levels;
  };
  std::map<int, Abstract> abstracts_;
  std::map<int, int> num_abstract_;
  std::map<int, std::map<int, int>> overrides_; // num → level → start
  std::map<int, std::array<int, 9>> counters_;  // per abstract list
  std::map<int, std::array<bool, 9>> used_;
};

} // namespace vb::imp
