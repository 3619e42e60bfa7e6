// Every hand-written element registers itself when imported; the build lists them here.
import "elements:all";
