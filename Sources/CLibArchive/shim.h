// The parts of libarchive plancheck uses, for Swift: reading zip archives from memory (.docx containers).
#ifndef PLANCHECK_CLIBARCHIVE_SHIM_H
#define PLANCHECK_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

#endif
