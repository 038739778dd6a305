// vanban sign: one signature added to a PDF as an incremental update.
// Everything that can refuse (the document, the field, the image, the key,
// the certificate) is checked before anything is written; the output is
// written whole to a temporary file and renamed.
#include "sign/sign.hpp"

#include <cstdio>
#include <openssl/evp.h>

#include "sign/appearance.hpp"
#include "sign/cms.hpp"
#include "sign/keys.hpp"
#include "sign/number.hpp"
#include "sign/pdfdoc.hpp"
#include "sign/placement.hpp"
#include "util/fsio.hpp"

using namespace PoDoFo;

namespace vb::sign {

namespace {

constexpr size_t kMaxPdf = size_t(512) << 20;

std::string field_list(const std::vector<SigField> &fields) {
  std::string s;
  for (const auto &f : fields)
    s += (s.empty() ? "'" : ", '") + f.name + "'" + (f.value ? " (signed)" : "");
  return s;
}

// The seal's field: named after the signer's.
std::string seal_field_name(const std::string &signer_field) {
  return "Dấu - " + signer_field;
}

const SigField *find(const std::vector<SigField> &fields, const std::string &name) {
  for (const auto &f : fields)
    if (f.name == name)
      return &f;
  return nullptr;
}

std::string signed_by(PdfMemDocument &doc, const SigField &f) {
  std::string who = utf8(key(doc, f.value, "Name"));
  std::time_t t;
  PdfObject *m = key(doc, f.value, "M");
  std::string when = is_string(m) && parse_pdf_date(m->GetString().GetString(), t) ? iso_vietnam(t) : "";
  std::string s = who.empty() ? "" : " by " + who;
  return s + (when.empty() ? "" : " at " + when);
}

struct Plan {
  const SigField *field = nullptr; // the existing field to fill (Signer)
  std::string new_name;            // the field to add (the other kinds)
  PdfPage *page = nullptr;
  Rect rect;                      // of the widget, page space
  std::vector<std::string> lines; // the stamp's text (Attachment, Copy)
};

} // namespace

std::string default_output(const std::string &input) {
  const std::string signed_ext = ".signed.pdf";
  if (input.size() >= signed_ext.size() &&
      input.compare(input.size() - signed_ext.size(), signed_ext.size(), signed_ext) == 0)
    return input;
  std::string stem = input;
  if (stem.size() >= 4 &&
      (stem.compare(stem.size() - 4, 4, ".pdf") == 0 || stem.compare(stem.size() - 4, 4, ".PDF") == 0))
    stem.resize(stem.size() - 4);
  return stem + signed_ext;
}

int sign(const SignRequest &req, std::string &done, Diagnostics &diags) {
  quiet_podofo();
  const std::string &in = req.input;
  if (req.kind == Kind::Copy && copy_form_text(req.copy_form).empty()) {
    diags.error("", {}, "--copy needs the form of copy: SY (sao y), SL (sao lục) or TrS (trích sao)");
    return kExitUsage;
  }
  if ((req.kind == Kind::Signer || req.kind == Kind::Organisation) && req.field.empty()) {
    diags.error("", {}, "--field NAME is needed: the signature field to sign (vanban verify lists them)");
    return kExitUsage;
  }
  if (req.key.p12.empty() == req.key.pkcs11_module.empty()) {
    diags.error("", {}, "give the key: --p12 FILE, or --pkcs11 MODULE [--slot ID]");
    return kExitUsage;
  }
  std::string out = req.output.empty() ? default_output(in) : req.output;

  std::string err;
  auto src = read_file(in, err, kMaxPdf);
  if (!src) {
    diags.error(in, {}, "cannot read the PDF: " + err);
    return kExitIo;
  }
  if (src->substr(0, 1024).find("%PDF-") == std::string::npos) {
    diags.error(in, {}, "is not a PDF file");
    return kExitInvalid;
  }
  std::shared_ptr<const text::Fonts> fonts;
  if (req.kind == Kind::Attachment || req.kind == Kind::Copy) {
    fonts = text::Fonts::load(diags, req.fonts);
    if (!fonts)
      return kExitIo;
  }
  std::optional<Picture> pic;
  if (!req.image.empty()) {
    if (req.kind == Kind::Attachment || req.kind == Kind::Copy) {
      diags.error(req.image, {}, "an attachment's or a copy's signature shows no image (Decree 30)",
                  "leave out --image");
      return kExitUsage;
    }
    pic = read_picture(req.image, diags);
    if (!pic)
      return kExitInvalid;
    if (!pic->transparent)
      diags.warning(req.image, {}, "the image has no transparent background; Decree 30 asks for one");
    if (req.kind == Kind::Signer && !pic->bluish)
      diags.warning(req.image, {}, "the signature image is not blue; Decree 30 shows the signature in blue");
    if (req.kind == Kind::Organisation && !pic->reddish)
      diags.warning(req.image, {}, "the seal image is not red; Decree 30 shows the seal in red");
  } else if (req.kind == Kind::Signer || req.kind == Kind::Organisation) {
    diags.warning(in, {},
                  std::string("no --image: the signature shows no ") +
                      (req.kind == Kind::Signer ? "handwritten-signature image" : "seal") +
                      " (Decree 30 shows one)");
  }

  try {
    PdfMemDocument doc;
    try {
      doc.LoadFromBuffer(src->data(), long(src->size()), true);
    } catch (const PdfError &e) {
      if (e.GetError() == ePdfError_InvalidPassword)
        diags.error(in, {}, "the PDF is encrypted with a password; vanban signs only unencrypted PDFs");
      else
        diags.error(in, {},
                    std::string("cannot read the PDF (damaged?): ") + PdfError::ErrorName(e.GetError()),
                    "sign the PDF vanban rendered, not a modified copy");
      return kExitInvalid;
    } catch (const std::exception &e) {
      diags.error(in, {}, std::string("cannot read the PDF (damaged?): ") + e.what());
      return kExitInvalid;
    }
    if (doc.GetEncrypt()) {
      diags.error(in, {}, "the PDF is encrypted; vanban signs only unencrypted PDFs");
      return kExitInvalid;
    }
    if (doc.GetPageCount() < 1) {
      diags.error(in, {}, "the PDF has no page");
      return kExitInvalid;
    }
    // Before any field object is made, so PoDoFo adds no default font to the form.
    doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
    auto fields = signature_fields(doc);

    Plan plan;
    if (req.kind == Kind::Signer || req.kind == Kind::Organisation) {
      if (fields.empty()) {
        diags.error(
            in, {}, "the PDF has no signature fields: it is not a signed-ready PDF from vanban render",
            "render it with vanban (signature fields are on by default), or sign it with --attachment "
            "or --copy");
        return kExitInvalid;
      }
      const SigField *f = find(fields, req.field);
      if (!f) {
        diags.error(in, {}, "no signature field '" + req.field + "'",
                    "the fields are: " + field_list(fields));
        return kExitInvalid;
      }
      if (!f->page) {
        diags.error(in, {}, "the field '" + req.field + "' is on no page");
        return kExitInvalid;
      }
      if (req.kind == Kind::Signer) {
        if (f->value) {
          diags.error(in, {}, "the field '" + req.field + "' is already signed" + signed_by(doc, *f),
                      "each field is signed once; nothing was written");
          return kExitInvalid;
        }
        plan.field = f;
        plan.rect = f->rect;
      } else {
        if (!f->value) {
          diags.error(in, {}, "the field '" + req.field + "' is not signed yet",
                      "the organisation's seal goes over the signer's signature: sign the field first");
          return kExitInvalid;
        }
        plan.new_name = seal_field_name(req.field);
        if (const SigField *s = find(fields, plan.new_name)) {
          diags.error(in, {},
                      "the organisation has already sealed '" + req.field + "'" +
                          (s->value ? signed_by(doc, *s) : ""));
          return kExitInvalid;
        }
        auto img = drawn_image(doc, *f);
        double sw = pic ? pic->w : 0, sh = pic ? pic->h : 0;
        if (!pic) // an invisible seal still takes a place: the signer's field
          sw = sh = 0;
        plan.rect = sw > 0 ? seal_box(f->rect, img ? &*img : nullptr, sw, sh) : f->rect;
      }
      plan.page = f->page;
    } else {
      std::string number = req.number;
      if (req.kind == Kind::Attachment && number.empty()) {
        number = find_number(page_text(doc, doc.GetPage(0)));
        if (number.empty()) {
          diags.error(in, {}, "no 'Số:' or 'Kèm theo … số …' on the first page to take the number from",
                      "give it: --number 12/KH-UBND");
          return kExitInvalid;
        }
        if (number[0] == '/') {
          diags.error(in, {}, "the document has no number yet (Số: " + number + ")",
                      "give the number it was issued with: --number 12" + number);
          return kExitInvalid;
        }
      }
      plan.new_name = !req.field.empty()             ? req.field
                      : req.kind == Kind::Attachment ? "Ký số văn bản kèm theo"
                                                     : "Ký số bản sao";
      if (const SigField *s = find(fields, plan.new_name)) {
        diags.error(in, {},
                    "the document already has a signature field '" + plan.new_name + "'" +
                        (s->value ? ", signed" + signed_by(doc, *s) : ""),
                    s->value ? "it is signed once; nothing was written" : "choose another name with --field");
        return kExitInvalid;
      }
      plan.page = doc.GetPage(0);
      plan.lines = {number}; // completed with the copier and the time once the key is known
    }

    int rc = kExitOk;
    auto cred = load_credentials(req.key, diags, rc);
    if (!cred)
      return rc;
    std::time_t now = std::time(nullptr);
    if (!check_certificate(cred->cert, now, cred->where, diags))
      return kExitInvalid;
    X509_NAME *subject = X509_get_subject_name(cred->cert);
    std::string cn = name_entry(subject, NID_commonName), org = name_entry(subject, NID_organizationName);

    // The widget and its appearance.
    PdfObject *widget = nullptr, *field_obj = nullptr;
    std::unique_ptr<PdfAnnotation> wrapper;
    PdfAnnotation *annot = nullptr;
    if (req.kind == Kind::Attachment || req.kind == Kind::Copy) {
      std::string copier = req.copier.empty() ? org : req.copier;
      if (req.kind == Kind::Copy && copier.empty()) {
        diags.error(cred->where, {}, "the certificate names no organisation (O)",
                    "give the copying organisation: --copier NAME");
        return kExitUsage;
      }
      auto lines = wrap_lines(stamp_lines(req.kind, plan.lines[0], req.copy_form, copier, now), *fonts,
                              kStampSize, kStampMaxWidth);
      auto [tw, th] = text_block_size(lines, *fonts, kStampSize);
      PdfRect box = plan.page->GetCropBox();
      Rect page{box.GetLeft(), box.GetBottom(), box.GetWidth(), box.GetHeight()};
      if (page.w <= 0 || page.h <= 0) {
        box = plan.page->GetMediaBox();
        page = {box.GetLeft(), box.GetBottom(), box.GetWidth(), box.GetHeight()};
      }
      plan.rect = stamp_box(page, tw, th);
      plan.lines = lines;
    }
    if (plan.field) {
      field_obj = plan.field->field;
      widget = plan.field->widget;
      wrapper = std::make_unique<PdfAnnotation>(field_obj, plan.page);
      annot = wrapper.get();
    } else {
      PdfRect r(plan.rect.x, plan.rect.y, plan.rect.w, plan.rect.h);
      annot = plan.page->CreateAnnotation(ePdfAnnotation_Widget, r);
      annot->SetFlags(ePdfAnnotationFlags_Print);
      widget = field_obj = annot->GetObject();
    }
    std::unique_ptr<PdfSignatureField> sf;
    if (plan.field) {
      sf = std::make_unique<PdfSignatureField>(annot);
      sf->EnsureSignatureObject();
    } else {
      sf = std::make_unique<PdfSignatureField>(annot, doc.GetAcroForm(), &doc, true);
      sf->SetFieldName(PdfString(reinterpret_cast<const pdf_utf8 *>(plan.new_name.c_str())));
    }
    double w = plan.rect.w, h = plan.rect.h;
    PdfObject *ap = nullptr;
    if (!plan.lines.empty() && (req.kind == Kind::Attachment || req.kind == Kind::Copy)) {
      ap = text_appearance(doc, w, h, plan.lines, *fonts, kStampSize);
    } else if (pic && req.kind == Kind::Signer) {
      Rect img = signature_box({0, 0, w, h}, pic->w, pic->h);
      ap = picture_appearance(doc, w, h, *pic, img);
    } else if (pic) {
      ap = picture_appearance(doc, w, h, *pic, {0, 0, w, h});
    } else {
      ap = empty_appearance(doc, w, h);
    }
    set_appearance(widget, ap);

    // The signature dictionary: PAdES baseline B.
    PdfObject *sig = sf->GetSignatureObject();
    PdfDictionary &sd = sig->GetDictionary();
    sd.AddKey("Filter", PdfName("Adobe.PPKLite"));
    sd.AddKey("SubFilter", PdfName("ETSI.CAdES.detached"));
    sd.AddKey("M", PdfString(pdf_date_vietnam(now)));
    std::string name = req.kind == Kind::Signer || org.empty() ? (cn.empty() ? org : cn) : org;
    if (!name.empty())
      sd.AddKey("Name", PdfString(reinterpret_cast<const pdf_utf8 *>(name.c_str())));
    if (!req.reason.empty())
      sf->SetSignatureReason(PdfString(reinterpret_cast<const pdf_utf8 *>(req.reason.c_str())));
    if (!req.location.empty())
      sf->SetSignatureLocation(PdfString(reinterpret_cast<const pdf_utf8 *>(req.location.c_str())));
    PdfObject *form = doc.GetAcroForm()->GetObject();
    form->GetDictionary().AddKey("SigFlags", PdfObject(pdf_int64(3)));

    // Write the update with a hole for the signature, hash around it, sign.
    PdfRefCountedBuffer buf;
    PdfOutputDevice dev(&buf);
    PdfSignOutputDevice signer(&dev);
    size_t reserve = cades_size_bound(*cred);
    signer.SetSignatureSize(reserve);
    sf->SetSignature(*signer.GetSignatureBeacon());
    doc.WriteUpdate(&signer, true);
    if (!signer.HasSignaturePosition()) {
      diags.error(in, {}, "cannot place the signature in the written PDF");
      return kExitInvalid;
    }
    signer.AdjustByteRange();
    signer.Seek(0);
    std::vector<char> chunk(1 << 16);
    size_t n;
    std::string signed_bytes;
    while ((n = signer.ReadForSignature(chunk.data(), chunk.size())) > 0)
      signed_bytes.append(chunk.data(), n);
    unsigned char digest[32];
    unsigned dlen = 0;
    if (EVP_Digest(signed_bytes.data(), signed_bytes.size(), digest, &dlen, EVP_sha256(), nullptr) != 1 ||
        dlen != 32) {
      diags.error(in, {}, "cannot compute the SHA-256 digest");
      return kExitInvalid;
    }
    std::string cms = make_cades(*cred, digest, err);
    if (cms.empty()) {
      diags.error(cred->where, {}, err);
      return kExitInvalid;
    }
    if (cms.size() > reserve) {
      diags.error(in, {},
                  "the signature (" + std::to_string(cms.size()) + " bytes) is larger than the " +
                      std::to_string(reserve) + " bytes reserved");
      return kExitInvalid;
    }
    // Checked before it is written: a signature that does not verify is never saved.
    CmsCheck self = check_cms(cms, signed_bytes, now, nullptr);
    if (!self.valid) {
      diags.error(in, {}, "the new signature does not verify (" + self.problem + "); nothing was written");
      return kExitInvalid;
    }
    signer.SetSignature(PdfData(cms.data(), cms.size()));
    signer.Flush();
    std::string result(buf.GetBuffer(), signer.GetLength());
    if (result.size() < src->size() || result.compare(0, src->size(), *src) != 0) {
      diags.error(in, {}, "the update would change the signed bytes before it; nothing was written");
      return kExitInvalid;
    }
    if (!write_file_atomic(out, result, err)) {
      diags.error(out, {}, "cannot write the signed PDF: " + err);
      return kExitIo;
    }
    std::string what = plan.field ? plan.field->name : plan.new_name;
    done = out + ": signed '" + what + "' as " + name + " at " + iso_vietnam(now) + "\n";
    return kExitOk;
  } catch (const PdfError &e) {
    diags.error(in, {},
                std::string("cannot sign the PDF: ") + PdfError::ErrorName(e.GetError()) +
                    (e.GetCallstack().empty()
                         ? ""
                         : std::string(" (") + e.GetCallstack().back().GetInformation() + ")"));
    return kExitInvalid;
  } catch (const std::exception &e) {
    diags.error(in, {}, std::string("cannot sign the PDF: ") + e.what());
    return kExitInvalid;
  }
}

} // namespace vb::sign
