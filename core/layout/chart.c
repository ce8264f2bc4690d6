/* chart.c - placeholder, being written */
#include "chart.h"
