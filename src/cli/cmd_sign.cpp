#include <cstdio>

#include "cli/command.hpp"
#include "sign/sign.hpp"

namespace vb::cli {

namespace {

int run_sign(sign::SignRequest r, bool org, bool attachment) {
  r.kind = org                    ? sign::Kind::Organisation
           : attachment           ? sign::Kind::Attachment
           : !r.copy_form.empty() ? sign::Kind::Copy
                                  : sign::Kind::Signer;
  Diagnostics d;
  std::string done;
  int rc = sign::sign(r, done, d);
  std::fputs(done.c_str(), stdout);
  print(d);
  return rc;
}

} // namespace

Command sign_command() {
  return {
      "sign", "sign a field of a rendered PDF (digital signature)",
      "Adds one digital signature (PAdES baseline B, SHA-256) as an incremental update, so earlier "
      "signatures stay valid, and shows it as Decree 30/2020 does. By default the signer fills their "
      "field with their handwritten-signature image; --org puts the organisation's seal over the left "
      "third of the signer's image; --attachment signs an attachment in its own file (number and time "
      "at the top right of page 1, no image); --copy FORM signs an electronic copy (form of copy, the "
      "copying organisation, the time). Writes FILE.signed.pdf (a FILE.signed.pdf is updated in place) "
      "or -o OUT.pdf, through a temporary file; a refused signing writes nothing. The PIN or password "
      "comes from --pin-file, $VANBAN_PIN or a prompt, never from the command line.",
      [](CLI::App &sub) {
        struct Opts {
          sign::SignRequest r;
          bool org = false, attachment = false;
          std::string pin;
          app::Config cfg; // only its fonts are used: the stamp's text
        };
        auto o = std::make_shared<Opts>();
        sign::SignRequest &r = o->r;
        sub.add_option("FILE.pdf", r.input, "the PDF to sign")->required()->type_name("");
        sub.add_option("--field", r.field, "the signature field (vanban verify lists them)")
            ->type_name("NAME");
        auto *p12 =
            sub.add_option("--p12", r.key.p12, "key and certificate in a PKCS#12 file")->type_name("FILE");
        auto *pkcs11 = sub.add_option("--pkcs11", r.key.pkcs11_module,
                                      "key and certificate on a PKCS#11 token (its module, .so)")
                           ->type_name("MODULE");
        p12->excludes(pkcs11);
        sub.add_option("--slot", r.key.slot, "the token's slot id (needed when several tokens are present)")
            ->type_name("ID")
            ->needs(pkcs11);
        sub.add_option("--key", r.key.key_label, "the key on the token (needed when it holds several)")
            ->type_name("LABEL")
            ->needs(pkcs11);
        sub.add_option("--pin-file", r.key.pin_file,
                       "read the PIN/password from FILE; else $VANBAN_PIN; else a prompt")
            ->type_name("FILE");
        // Declared only to refuse it with the reason.
        sub.add_option("--pin", o->pin, "never: others can read the command line; use --pin-file")
            ->type_name("");
        auto *org = sub.add_flag("--org", o->org, "the organisation's seal over the signer's signature");
        auto *att = sub.add_flag("--attachment", o->attachment,
                                 "the organisation signs an attachment in its own file");
        auto *copy = sub.add_option("--copy", r.copy_form,
                                    "the copying organisation signs an electronic copy: SY (sao y), SL "
                                    "(sao lục) or TrS (trích sao)")
                         ->type_name("FORM")
                         ->check(CLI::IsMember({"SY", "SL", "TrS"}));
        org->excludes(att)->excludes(copy);
        att->excludes(copy);
        sub.add_option("--image", r.image,
                       "handwritten signature (blue) or, with --org, seal (red, real size)")
            ->type_name("PNG");
        sub.add_option("--number", r.number, "--attachment: số và ký hiệu (default: read from page 1)")
            ->type_name("TEXT")
            ->needs(att);
        sub.add_option("--copier", r.copier,
                       "--copy: the copying organisation (default: the certificate's O)")
            ->type_name("NAME")
            ->needs(copy);
        sub.add_option("--reason", r.reason, "recorded in the signature")->type_name("TEXT");
        sub.add_option("--location", r.location, "recorded in the signature")->type_name("TEXT");
        sub.add_option("-o,--output", r.output, "where to write the signed PDF")->type_name("FILE");
        add_fonts_option(sub, o->cfg);
        return [o, &sub] {
          if (sub.count("--pin"))
            throw CLI::ValidationError("--pin", "the PIN is never given on the command line (others can "
                                                "read it): use $VANBAN_PIN, --pin-file FILE or the prompt");
          if (o->r.key.p12.empty() && o->r.key.pkcs11_module.empty())
            throw CLI::ValidationError("--p12", "give the key: --p12 FILE or --pkcs11 MODULE");
          o->r.fonts = o->cfg.fonts;
          return run_sign(o->r, o->org, o->attachment);
        };
      }};
}

Command verify_command() {
  return {"verify", "check every signature of a PDF",
          "Lists every signature: field, signer, time, whether it is valid, and whether the document changed "
          "after it (other than by later signatures), then the fields not signed yet. Exit status 1 when a "
          "signature is invalid or the document was changed.",
          [](CLI::App &sub) {
            auto r = std::make_shared<sign::VerifyRequest>();
            sub.add_option("FILE.pdf", r->input, "the PDF to check")->required()->type_name("");
            sub.add_option("--ca", r->ca_file,
                           "trusted issuer certificates (PEM); an untrusted issuer then fails")
                ->type_name("FILE.pem");
            return [r] {
              Diagnostics d;
              std::string report;
              int rc = sign::verify(*r, report, d);
              std::fputs(report.c_str(), stdout);
              print(d);
              return rc;
            };
          }};
}

} // namespace vb::cli
