## src/aws/creds.mk - the credential chain (see creds.h).

libliftoff_a_SOURCES += \
	%D%/creds.c %D%/creds.h
