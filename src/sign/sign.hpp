// Digital signatures on vanban's PDFs, shown the way Decree 30/2020
// (Appendix I) shows them: the signer's handwritten-signature image in
// their field, the organisation's seal over its left third, and the
// organisation's text stamp at the top right of an attachment or an
// electronic copy. Signing is an incremental update through PoDoFo with a
// CAdES detached signature (OpenSSL), keys from PKCS#12 files or PKCS#11
// tokens. Verification checks every signature and what changed after it.
#pragma once
#include <string>

#include "text/fonts.hpp"
#include "util/diag.hpp"

namespace vb::sign {

// What the signature is, which decides where and how it shows.
enum class Kind {
  Signer,       // the person with authority: fills an existing field, handwritten-signature image
  Organisation, // the organisation's seal over the signer's signature in an existing field
  Attachment,   // the organisation signs an attachment in its own file: top-right text, no image
  Copy,         // the copying organisation signs an electronic copy: top-right text, no image
};

struct KeyOptions {
  std::string p12;           // PKCS#12 file, or
  std::string pkcs11_module; // a PKCS#11 module (.so) …
  std::string slot;          // … and the token's slot id (decimal or 0x hex)
  std::string key_label;     // which key on the token, when it holds several
  std::string pin_file;      // PIN/password from this file; else $VANBAN_PIN; else a prompt
};

struct SignRequest {
  std::string input;  // the PDF to sign
  std::string output; // empty: beside the input (see default_output)
  Kind kind = Kind::Signer;
  std::string field; // the signer's field (Signer, Organisation); the new field's name otherwise
  KeyOptions key;
  std::string image; // PNG: handwritten signature (Signer) or seal (Organisation)
  std::string reason;
  std::string location;
  std::string number;    // Attachment: số và ký hiệu (default: read from the first page)
  std::string copy_form; // Copy: SY, SL or TrS
  std::string copier;    // Copy: the copying organisation (default: the certificate's O)
  text::FontSpec fonts;  // the stamp's Times New Roman (default: as the text stage resolves it)
};

// Signs and writes the output atomically. Returns an exit status
// (kExitOk, kExitInvalid, kExitUsage, kExitIo); `done` gets one line saying
// what was signed, problems go into diags, and the input is never modified
// unless it is the output (FILE.signed.pdf).
int sign(const SignRequest &req, std::string &done, Diagnostics &diags);

// FILE.pdf → FILE.signed.pdf; FILE.signed.pdf stays FILE.signed.pdf (the
// update only appends, so earlier revisions stay inside the file).
std::string default_output(const std::string &input);

struct VerifyRequest {
  std::string input;
  std::string ca_file; // PEM trust anchors; empty: the system's trust store, reported only
};

// Writes a report of every signature field to `report`. Returns kExitOk when
// every signature is valid and nothing but later signatures changed the
// document after it; kExitInvalid otherwise; kExitIo when unreadable.
int verify(const VerifyRequest &req, std::string &report, Diagnostics &diags);

} // namespace vb::sign
