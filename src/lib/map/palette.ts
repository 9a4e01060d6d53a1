/** The basemap's colours, shared by the style and the browser test that checks it drew. */
export const PALETTE = {
	water: '#c9dbe5',
	land: '#ece9e1',
	focusLand: '#f7f5ef',
	border: '#8c8791',
	coast: '#9db4c2',
	oblast: '#b6ad9f',
	label: '#5b5a57',
	waterLabel: '#4f7891',
	halo: 'rgba(255,255,255,0.85)',
	recruitment: '#d35400',
	uncertainty: '#34495e',
	place: '#2c3e50',
	selection: '#f1c40f'
} as const;
