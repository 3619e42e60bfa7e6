// The build's virtual module that imports every file under src/components and src/layouts.
declare module "elements:all";
