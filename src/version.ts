/** The engine's version, recorded in every verdict. A test keeps it equal to package.json's. */
export const ENGINE_VERSION = '0.1.0';
