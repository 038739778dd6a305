file(READ ${IN} content)
file(WRITE ${OUT} "namespace vb::load {\nextern const char *const kSchemaRng;\nconst char *const kSchemaRng = R\"vbrng(${content})vbrng\";\n}\n")
