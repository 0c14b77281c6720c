#ifndef CUES_CLIBXML2_SHIM_H
#define CUES_CLIBXML2_SHIM_H

/*
 * libxml2 built with ICU includes <unicode/ucnv.h> from encoding.h, whose
 * enums clash with the copy of ICU inside swift-corelibs-foundation when both
 * are loaded in one module graph. cues never touches the ICU members of
 * xmlCharEncodingHandler (it passes UTF-8 and ignores encoding declarations),
 * so the headers are read as if ICU support were off. Function signatures do
 * not change.
 */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>

#endif
