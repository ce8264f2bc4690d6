/* pdf.c - placeholder, being written */
#include "pdf.h"
