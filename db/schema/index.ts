export * from "./org";
export * from "./auth";
export * from "./audit";
export * from "./notifications";
export * from "./training";
export * from "./subsidy";
export * from "./progress";
export * from "./consultation";
