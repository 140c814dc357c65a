// The parts of libxml2 plancheck uses, for Swift. Only DocumentModel's XML layer touches them.
#ifndef PLANCHECK_CLIBXML2_SHIM_H
#define PLANCHECK_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and encoding.h then includes the system's ICU headers, which clash with
// the ICU copy inside Foundation when one Swift module imports both. Nothing plancheck touches depends on
// it: the ICU fields only sit inside xmlCharEncodingHandler, which Swift only ever sees by pointer.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/relaxng.h>

// xmlFree is a macro over a global function pointer, invisible to Swift.
static inline void clibxml2_free(void *p) { xmlFree(p); }

// The line of a node even past 65535: XML_PARSE_BIG_LINES keeps the full number in psvi for text nodes,
// and xmlGetLineNo knows where to look.
static inline long clibxml2_line(const xmlNode *node) { return xmlGetLineNo(node); }

#endif
