// Where the dashboard's modules are, for the tests beside this file.
export const js = name => new URL(`../../main/resources/META-INF/resources/js/${name}`, import.meta.url).href;
