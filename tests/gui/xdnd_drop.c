// Drops files onto an X window through the XDND protocol, as a file manager would: enter,
// position, drop, then hand over the text/uri-list when the window asks for it. For the GUI tests
// (xdotool cannot drag files). Usage: xdnd_drop WINDOW_ID X Y FILE...
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void send_msg(Display* d, Window to, Atom type, long l0, long l1, long l2, long l3, long l4) {
    XEvent e; memset(&e, 0, sizeof e);
    e.xclient.type = ClientMessage; e.xclient.display = d; e.xclient.window = to;
    e.xclient.message_type = type; e.xclient.format = 32;
    e.xclient.data.l[0] = l0; e.xclient.data.l[1] = l1; e.xclient.data.l[2] = l2; e.xclient.data.l[3] = l3; e.xclient.data.l[4] = l4;
    XSendEvent(d, to, False, NoEventMask, &e); XFlush(d);
}

int main(int argc, char** argv) {
    if (argc < 5) { fprintf(stderr, "usage: xdnd_drop WINDOW X Y FILE...\n"); return 2; }
    Display* d = XOpenDisplay(NULL);
    if (!d) { fprintf(stderr, "no display\n"); return 1; }
    Window target = (Window)strtoul(argv[1], NULL, 0);
    int x = atoi(argv[2]), y = atoi(argv[3]);
    char uris[8192] = "";
    for (int i = 4; i < argc; ++i) {
        if (strlen(uris) + strlen(argv[i]) + 10 >= sizeof uris) { fprintf(stderr, "paths too long\n"); return 2; }
        strcat(uris, "file://"); strcat(uris, argv[i]); strcat(uris, "\r\n");
    }
    Window src = XCreateSimpleWindow(d, DefaultRootWindow(d), 0, 0, 1, 1, 0, 0, 0);
    Atom XdndAware = XInternAtom(d, "XdndAware", False), XdndEnter = XInternAtom(d, "XdndEnter", False),
         XdndPosition = XInternAtom(d, "XdndPosition", False), XdndStatus = XInternAtom(d, "XdndStatus", False),
         XdndDrop = XInternAtom(d, "XdndDrop", False), XdndFinished = XInternAtom(d, "XdndFinished", False),
         XdndSelection = XInternAtom(d, "XdndSelection", False), XdndActionCopy = XInternAtom(d, "XdndActionCopy", False),
         uri_list = XInternAtom(d, "text/uri-list", False);
    Atom type; int format; unsigned long n, after; unsigned char* prop = NULL;
    if (XGetWindowProperty(d, target, XdndAware, 0, 1, False, AnyPropertyType, &type, &format, &n, &after, &prop) != Success || n == 0) {
        fprintf(stderr, "window 0x%lx is not XdndAware\n", target); return 1;
    }
    long version = *(long*)prop; XFree(prop);
    if (version > 5) version = 5;
    XSetSelectionOwner(d, XdndSelection, src, CurrentTime);
    send_msg(d, target, XdndEnter, (long)src, version << 24, (long)uri_list, 0, 0);
    send_msg(d, target, XdndPosition, (long)src, 0, (x << 16) | y, CurrentTime, (long)XdndActionCopy);
    int dropped = 0;
    for (int spins = 0; spins < 2000; ) {
        if (!XPending(d)) { struct timespec t = {0, 5000000}; nanosleep(&t, NULL); ++spins; continue; }
        XEvent e; XNextEvent(d, &e);
        if (e.type == ClientMessage && e.xclient.message_type == XdndStatus && !dropped) {
            if (!(e.xclient.data.l[1] & 1)) { fprintf(stderr, "the window refused the drop\n"); return 1; }
            send_msg(d, target, XdndDrop, (long)src, 0, CurrentTime, 0, 0);
            dropped = 1;
        } else if (e.type == SelectionRequest) {
            XSelectionRequestEvent* r = &e.xselectionrequest;
            XChangeProperty(d, r->requestor, r->property, r->target, 8, PropModeReplace, (unsigned char*)uris, (int)strlen(uris));
            XEvent reply; memset(&reply, 0, sizeof reply);
            reply.xselection.type = SelectionNotify; reply.xselection.display = d; reply.xselection.requestor = r->requestor;
            reply.xselection.selection = r->selection; reply.xselection.target = r->target; reply.xselection.property = r->property;
            reply.xselection.time = r->time;
            XSendEvent(d, r->requestor, False, NoEventMask, &reply); XFlush(d);
        } else if (e.type == ClientMessage && e.xclient.message_type == XdndFinished) {
            printf("dropped\n"); return 0;
        }
    }
    fprintf(stderr, "no answer from the window\n");
    return 1;
}
