//! RTP and RTCP (RFC 3550), sans-IO: packets, the session statistics, the jitter buffer,
//! telephone-event (RFC 4733) and, later, SRTP.
