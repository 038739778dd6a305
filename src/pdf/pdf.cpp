// PDF writer: paints layout pages into a PoDoFo document. PoDoFo builds and
// writes every object (pages, resources, fonts, images, the AcroForm and its
// signature fields, the info dictionary, the cross-reference table and the
// /ID); the page content streams are operator text made here, deflated on
// two cores and handed over already encoded. Dates come from the document,
// so the bytes (and the /ID PoDoFo derives from them) are the same from run
// to run whatever the number of threads.
#include "pdf/pdf.hpp"

#include <ctime>
#include <thread>

#include "pdf/internal.hpp"

namespace vb::pdf {

using namespace PoDoFo;

namespace {

// "2024-02-01" / "2024-02-01T08:30:00Z" → "D:20240201083000Z".
std::string pdf_date(const std::string &iso) {
  std::string digits;
  for (char ch : iso)
    if (ch >= '0' && ch <= '9')
      digits += ch;
  if (digits.size() < 8)
    digits = "20000101";
  digits.resize(14, '0');
  return "D:" + digits + "Z";
}

std::string time_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
  return buf;
}

// A number given in thousandths, printed with at most three decimals and
// trailing zeros trimmed ("12.5", "3", "-0.25"): the hot path of the page content.
void milli(std::string &out, int64_t m) {
  char buf[32];
  char *e = buf + sizeof buf, *p = e;
  bool neg = m < 0;
  uint64_t u = neg ? uint64_t(-m) : uint64_t(m);
  unsigned frac = unsigned(u % 1000);
  uint64_t whole = u / 1000;
  if (frac) {
    int digits = 3;
    while (frac % 10 == 0)
      frac /= 10, --digits;
    for (int i = 0; i < digits; ++i, frac /= 10)
      *--p = char('0' + frac % 10);
    *--p = '.';
  }
  do {
    *--p = char('0' + whole % 10);
    whole /= 10;
  } while (whole);
  if (neg && u)
    *--p = '-';
  out.append(p, size_t(e - p));
  out += ' ';
}

int64_t to_milli(double v) {
  double r = v * 1000.0;
  if (!(r > -9e15 && r < 9e15)) // out of range or NaN: not a layout coordinate
    return 0;
  return r < 0 ? -int64_t(-r + 0.5) : int64_t(r + 0.5);
}

void num(std::string &out, double v) {
  milli(out, to_milli(v));
}

// The page's images, rules and text as content-stream operators (PDF y is up).
void page_ops(std::string &ops, detail::FontSet &fonts, const layout::Page &p,
              const std::vector<bool> &images, std::array<bool, 8> &used) {
  ops += "q 0 g 0 G\n";
  for (size_t i = 0; i < p.images.size(); ++i) {
    if (!images[i])
      continue;
    const layout::Image &im = p.images[i];
    ops += "q ";
    num(ops, im.w);
    ops += "0 0 ";
    num(ops, im.h);
    num(ops, im.x);
    num(ops, p.height - im.y - im.h);
    ops += "cm /Im" + std::to_string(i) + " Do Q\n";
  }
  double cur_w = -1;
  for (const layout::Rule &r : p.rules) {
    if (r.width != cur_w) {
      num(ops, r.width);
      ops += "w\n";
      cur_w = r.width;
    }
    num(ops, r.x1);
    num(ops, p.height - r.y1);
    ops += "m ";
    num(ops, r.x2);
    num(ops, p.height - r.y2);
    ops += "l S\n";
  }
  if (!p.runs.empty()) {
    ops += "BT\n";
    fonts.reset_state();
    // Each run starts a new text line with Td, relative to the previous
    // one, in exact thousandths: half the bytes of a Tm per run.
    int64_t lx = 0, ly = 0;
    for (const layout::TextRun &r : p.runs) {
      int64_t x = to_milli(r.x), y = to_milli(p.height - r.y);
      milli(ops, x - lx);
      milli(ops, y - ly);
      lx = x, ly = y;
      ops += "Td\n";
      fonts.show(r.face, r.size, r.text, ops, used);
    }
    ops += "ET\n";
  }
  ops += "Q\n";
}

} // namespace

std::string write(const layout::Document &ld, const text::Fonts &fonts, const Options &opt,
                  Diagnostics &diags) {
  int threads = opt.threads > 0 ? opt.threads : std::thread::hardware_concurrency() > 1 ? 2 : 1;
  try {
    PdfMemDocument doc;
    doc.SetPdfVersion(ePdfVersion_1_7);
    detail::FontSet faces(doc, fonts);
    std::string date = opt.real_time ? time_date(opt.real_time) : pdf_date(ld.date);

    struct PageOut {
      PdfObject *contents = nullptr;
      std::string ops, packed;
      bool ok = false;
    };
    std::vector<PageOut> pages(ld.pages.size());
    std::unordered_map<std::string, std::unique_ptr<detail::ImageObj>> images; // by path; null: unreadable
    std::vector<detail::ImageObj *> image_list;
    // The pages are made here and put into the page tree in one call: one
    // at a time (PdfDocument::CreatePage, GetPage) PoDoFo walks the tree for
    // each, which made a 1,000-page document cost seconds.
    std::vector<std::unique_ptr<PdfPage>> own;
    std::vector<PdfObject *> page_objects;
    for (size_t pi = 0; pi < ld.pages.size(); ++pi) {
      const layout::Page &p = ld.pages[pi];
      own.push_back(std::make_unique<PdfPage>(PdfRect(0, 0, p.width, p.height), &doc.GetObjects()));
      PdfPage *page = own.back().get();
      page_objects.push_back(page->GetObject());
      pages[pi].contents = page->GetContentsForAppending();
      std::vector<bool> drawn(p.images.size(), false);
      for (size_t i = 0; i < p.images.size(); ++i) {
        const std::string &path = p.images[i].path;
        auto it = images.find(path);
        if (it == images.end()) {
          std::string err;
          auto im = detail::make_image(doc, path, err);
          if (!im)
            diags.warning(path, {}, err + "; the image is left out of the PDF");
          else
            image_list.push_back(im.get());
          it = images.emplace(path, std::move(im)).first;
        }
        if (it->second) {
          drawn[i] = true;
          page->AddResource(PdfName("Im" + std::to_string(i)), it->second->image->Reference(),
                            PdfName("XObject"));
        }
      }
      std::array<bool, 8> used{};
      page_ops(pages[pi].ops, faces, p, drawn, used);
      for (int slot = 0; slot < text::Fonts::kSlots; ++slot)
        if (used[size_t(slot)])
          page->AddResource(PdfName("F" + std::to_string(slot)), faces.object(slot)->Reference(),
                            PdfName("Font"));
      if (opt.signature_fields)
        detail::add_signature_fields(doc, *page, p, date);
    }

    doc.GetPagesTree()->InsertPages(doc.GetPageCount() - 1, page_objects);

    // Deflating and subsetting, on two cores when the machine has them.
    std::vector<std::function<void()>> jobs;
    faces.add_jobs(jobs);
    for (detail::ImageObj *im : image_list) {
      jobs.push_back([im] {
        std::string packed;
        if ((im->ok_color = detail::deflate(im->color, packed)))
          im->color = std::move(packed);
      });
      if (!im->alpha.empty())
        jobs.push_back([im] {
          std::string packed;
          if ((im->ok_alpha = detail::deflate(im->alpha, packed)))
            im->alpha = std::move(packed);
        });
    }
    for (PageOut &po : pages)
      jobs.push_back([&po] { po.ok = detail::deflate(po.ops, po.packed); });
    detail::run_jobs(jobs, threads);

    for (PageOut &po : pages) {
      detail::set_stream(*po.contents, po.ok ? po.packed : po.ops, po.ok);
      po = PageOut{po.contents, {}, {}, false};
    }
    for (detail::ImageObj *im : image_list)
      detail::finish_image(*im);
    std::string err;
    if (!faces.finish(err)) {
      diags.error(err, {}, "the PDF cannot embed this font", "choose another font");
      return {};
    }

    PdfInfo *info = doc.GetInfo();
    if (!ld.title.empty())
      info->SetTitle(detail::utf8(ld.title));
    if (!ld.author.empty())
      info->SetAuthor(detail::utf8(ld.author));
    if (!ld.subject.empty())
      info->SetSubject(detail::utf8(ld.subject));
    if (!ld.keywords.empty())
      info->SetKeywords(detail::utf8(ld.keywords));
    info->SetCreator(PdfString("vanban"));
    info->SetProducer(PdfString("vanban with PoDoFo"));
    // PoDoFo 0.9.8 has no SetCreationDate and stamps the clock: the
    // document's own date keeps the file (and its /ID) reproducible.
    PdfDictionary &d = info->GetObject()->GetDictionary();
    d.AddKey("CreationDate", PdfString(date));
    d.AddKey("ModDate", PdfString(date));

    PdfRefCountedBuffer buf(size_t(1) << 16);
    PdfOutputDevice dev(&buf);
    doc.Write(&dev);
    return std::string(buf.GetBuffer(), dev.GetLength());
  } catch (const PdfError &e) {
    diags.error(ld.title.empty() ? "PDF" : ld.title, {},
                std::string("the PDF writer failed: ") + PdfError::ErrorMessage(e.GetError()));
    return {};
  }
}

} // namespace vb::pdf
