/** The part of lcms-wasm (LittleCMS 2.16 in WebAssembly) Marque calls; the package ships no types. */
declare module 'lcms-wasm' {
  export interface LcmsModule {
    cmsOpenProfileFromMem(bytes: Uint8Array, size: number): number;
    cmsCreate_sRGBProfile(): number;
    cmsCreateLab4Profile(whitePoint: null): number;
    cmsCloseProfile(profile: number): void;
    cmsGetProfileInfoASCII(profile: number, info: number, language: string, country: string): string;
    cmsGetColorSpaceASCII(profile: number): string | null;
    cmsCreateTransform(
      input: number,
      inputFormat: number,
      output: number,
      outputFormat: number,
      intent: number,
      flags: number,
    ): number;
    cmsDeleteTransform(transform: number): void;
    cmsDoTransform(transform: number, input: ArrayLike<number>, pixels: number): Float32Array | Uint8Array;
  }
  export function instantiate(options?: { locateFile?: (name: string) => string }): Promise<LcmsModule>;
  export const TYPE_RGB_8: number;
  export const INTENT_PERCEPTUAL: number;
  export const INTENT_RELATIVE_COLORIMETRIC: number;
  export const cmsFLAGS_BLACKPOINTCOMPENSATION: number;
  export const cmsFLAGS_NOCACHE: number;
  export const cmsInfoDescription: number;
}
